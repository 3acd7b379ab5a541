package dev.bulwark.core.yaml;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.LocationIndex;
import dev.bulwark.core.model.ValuePath;
import java.util.List;
import java.util.Map;

/**
 * Locates value paths by walking a document read by {@link YamlReader}. Nothing is precomputed:
 * positions are only needed for the few values a rule reports.
 */
public final class YamlLocationIndex implements LocationIndex {
    private final String file;
    private final Object root;
    private final Span rootSpan;

    public YamlLocationIndex(String file, Object root, Span rootSpan) {
        this.file = file;
        this.root = root;
        this.rootSpan = rootSpan;
    }

    @Override
    public SourceLocation locate(String path) {
        Span best = rootSpan;
        Object current = root;
        for (Object segment : ValuePath.parse(path)) {
            Span next = null;
            Object child = null;
            if (current instanceof YamlMap map && segment instanceof String key) {
                next = map.entrySpan(key);
                child = map.get(key);
            } else if (current instanceof YamlMap map && segment instanceof Integer number) {
                next = map.entrySpan(number.toString());
                child = map.get(number.toString());
            } else if (current instanceof YamlList list && segment instanceof Integer index) {
                next = list.elementSpan(index);
                child = next == null ? null : list.get(index);
            }
            if (next == null) {
                break;
            }
            best = next;
            current = child;
        }
        return toLocation(best);
    }

    private SourceLocation toLocation(Span span) {
        return toLocation(file, span, SourceLocation.ofLine(file, 1));
    }

    /**
     * The location of {@code span} in {@code file}, or {@code fallback} when it has none. A block
     * value ends at column 1 of the following line; it is reported as ending on the line before.
     */
    public static SourceLocation toLocation(String file, Span span, SourceLocation fallback) {
        if (span == null || span.startLine() <= 0) {
            return fallback;
        }
        int endLine = span.endLine();
        int endColumn = span.endColumn();
        // A block value ends at column 1 of the following line; report the line before.
        if (endColumn <= 1 && endLine > span.startLine()) {
            endLine--;
            endColumn = SourceLocation.END_OF_LINE;
        }
        return new SourceLocation(file, span.startLine(), span.startColumn(), endLine, endColumn);
    }

    @Override
    public String stableKey(String path) {
        StringBuilder key = new StringBuilder();
        Object current = root;
        for (Object segment : ValuePath.parse(path)) {
            Object child = null;
            if (segment instanceof Integer index && current instanceof List<?> list && index >= 0 && index < list.size()) {
                child = list.get(index);
                if (child instanceof Map<?, ?> element && element.get("name") instanceof String name) {
                    key.append("[name=").append(name).append(']');
                } else {
                    key.append('[').append(index).append(']');
                }
            } else {
                if (current instanceof Map<?, ?> map) {
                    child = map.get(String.valueOf(segment));
                }
                key.append('.').append(segment);
            }
            current = child;
        }
        return key.toString();
    }
}
