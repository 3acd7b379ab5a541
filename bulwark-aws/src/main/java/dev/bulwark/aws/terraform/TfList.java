package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Terraform list, tuple or set value as the evaluator makes it. When it was written as a
 * literal (a tuple constructor, repeated nested blocks), each element remembers where.
 */
final class TfList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private final List<Range> ranges;
    /** The file the literal was written in (display path), or null. */
    private String origin;

    TfList() {
        this.ranges = null;
    }

    TfList(Collection<?> values) {
        super(values);
        this.ranges = null;
    }

    /** A list whose elements were written at {@code ranges} (same size). */
    TfList(List<Object> values, List<Range> ranges) {
        super(values);
        this.ranges = ranges.size() == values.size() ? List.copyOf(ranges) : null;
    }

    TfList from(String file) {
        this.origin = file;
        return this;
    }

    String origin() {
        return origin;
    }

    /** Where element {@code index} was written, or null. */
    Range rangeOf(int index) {
        return ranges == null || index < 0 || index >= ranges.size() ? null : ranges.get(index);
    }
}
