package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Terraform object or map value as the evaluator makes it. Entries written as literals
 * (object constructors, attributes and nested blocks) remember where.
 */
class TfObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private Map<String, Range> ranges;
    /** The file the literal or block was written in (display path), or null. */
    private String origin;

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

    /** Where entry {@code key} was written, or null. */
    Range rangeOf(String key) {
        return ranges == null ? null : ranges.get(key);
    }
}
