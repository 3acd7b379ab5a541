package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Terraform list, tuple or set value as the evaluator makes it. When it was written as a
 * literal (a tuple constructor, repeated nested blocks), each element remembers where.
 *
 * <p>Terraform tells tuples ({@code [...]}, {@code [for ...]}) from lists and sets (typed
 * variables, {@code tolist}, {@code toset}): {@code ==} between them is false even with equal
 * elements, and iterating a set gives each element as its own key. Values whose kind the
 * evaluator cannot tell stay {@link Kind#UNSPECIFIED} and compare by their elements.
 */
final class TfList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    enum Kind { UNSPECIFIED, TUPLE, LIST, SET }

    private final List<Range> ranges;
    /** The file the literal was written in (display path), or null. */
    private String origin;
    private Kind kind = Kind.UNSPECIFIED;

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

    TfList kind(Kind newKind) {
        this.kind = newKind;
        return this;
    }

    Kind kind() {
        return kind;
    }

    /** The kind of any list value: a {@link TfList}'s, else unspecified. */
    static Kind kindOf(Object value) {
        return value instanceof TfList list ? list.kind : Kind.UNSPECIFIED;
    }

    boolean isSet() {
        return kind == Kind.SET;
    }

    /** Where element {@code index} was written, or null. */
    Range rangeOf(int index) {
        return ranges == null || index < 0 || index >= ranges.size() ? null : ranges.get(index);
    }
}
