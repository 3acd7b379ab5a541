package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Terraform object or map value as the evaluator makes it. Entries written as literals
 * (object constructors, attributes and nested blocks) remember where. Like {@link TfList}, it
 * knows when it is an object ({@code {...}}) or a map (a typed variable, {@code tomap}), which
 * Terraform's {@code ==} tells apart.
 */
class TfObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    enum Kind { UNSPECIFIED, OBJECT, MAP }

    private Map<String, Range> ranges;
    /** The file the literal or block was written in (display path), or null. */
    private String origin;
    private Kind kind = Kind.UNSPECIFIED;

    TfObject() {}

    TfObject(Map<String, ?> values) {
        super(values);
    }

    void put(String key, Object value, Range range) {
        put(key, value);
        if (range != null) {
            if (ranges == null) {
                ranges = new HashMap<>();
            }
            ranges.put(key, range);
        }
    }

    TfObject from(String file) {
        this.origin = file;
        return this;
    }

    String origin() {
        return origin;
    }

    TfObject kind(Kind newKind) {
        this.kind = newKind;
        return this;
    }

    /** The kind of any map value: a {@link TfObject}'s, else unspecified. */
    static Kind kindOf(Object value) {
        return value instanceof TfObject object ? object.kind : Kind.UNSPECIFIED;
    }

    /** Where entry {@code key} was written, or null. */
    Range rangeOf(String key) {
        return ranges == null ? null : ranges.get(key);
    }
}
