package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Evaluator values into the model containers rules read ({@link KnownMap}, {@link KnownList}),
 * with numbers as {@code Long} or {@code Double}, nulls dropped, and each value located: where it
 * was written when that is inside the attribute being converted, else at the attribute.
 */
final class KnownValues {
    private KnownValues() {}

    /**
     * Most nodes one conversion writes. Evaluated values share parts ({@code [local.a, local.a]}),
     * so a small configuration can stand for a tree too large to write out; past this, parts are unknown.
     */
    static final int MAX_NODES = 200_000;

    /** Where a value may be placed: its file and the range it must lie within to be trusted. */
    private record Frame(String file, Range within, SourceLocation fallback, int[] nodes) {
        Frame at(SourceLocation location) {
            return new Frame(file, within, location, nodes);
        }
    }

    static Object convert(Object value, String file, Range within, SourceLocation fallback) {
        return convert(value, new Frame(file, within, fallback, new int[] {MAX_NODES}), 0);
    }

    static SourceLocation location(String file, Range range) {
        return new SourceLocation(file, Math.max(range.startLine(), 1), Math.max(range.startColumn(), 1),
                Math.max(range.endLine(), 1), Math.max(range.endColumn(), 1));
    }

    private static Object convert(Object value, Frame frame, int depth) {
        if (depth > 64) {
            return Unknown.because("value nested too deeply");
        }
        if (--frame.nodes()[0] < 0) {
            return Unknown.because("value too large to convert");
        }
        if (value == null || value instanceof Unknown || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof BigDecimal number) {
            return number(number);
        }
        if (value instanceof JsonText json) {
            Object structure = convert(json.structure(), frame, depth + 1);
            return new EncodedJson(json.json(), structure);
        }
        if (value instanceof ResourceObject resource) {
            return Unknown.fromResource(resource.address(), "a whole resource used as a value");
        }
        if (value instanceof Map<?, ?> map) {
            KnownMap known = new KnownMap(frame.fallback(), map.size());
            boolean sameFile = value instanceof TfObject object && frame.file().equals(object.origin());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                SourceLocation location = frame.fallback();
                if (sameFile) {
                    Range range = ((TfObject) value).rangeOf(key);
                    if (range != null && frame.within().contains(range)) {
                        location = location(frame.file(), range);
                    }
                }
                Object converted = convert(entry.getValue(), frame.at(location), depth + 1);
                if (converted != null) {
                    known.put(key, converted, location);
                }
            }
            return known;
        }
        if (value instanceof List<?> list) {
            KnownList known = new KnownList(frame.fallback(), list.size());
            boolean sameFile = value instanceof TfList tfList && frame.file().equals(tfList.origin());
            for (int i = 0; i < list.size(); i++) {
                SourceLocation location = frame.fallback();
                if (sameFile) {
                    Range range = ((TfList) value).rangeOf(i);
                    if (range != null && frame.within().contains(range)) {
                        location = location(frame.file(), range);
                    }
                }
                known.append(convert(list.get(i), frame.at(location), depth + 1), location);
            }
            return known;
        }
        return String.valueOf(value);
    }

    static Object number(BigDecimal number) {
        try {
            return Values.normalize(number).longValueExact();
        } catch (ArithmeticException e) {
            return number.doubleValue();
        }
    }
}
