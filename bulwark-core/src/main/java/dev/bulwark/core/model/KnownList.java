package dev.bulwark.core.model;

import dev.bulwark.core.SourceLocation;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of a resource model whose elements may be {@link Unknown} and know where they were
 * written; see {@link KnownMap}. Reading an unknown element raises {@link UnknownValueException}.
 */
public final class KnownList extends AbstractList<Object> {
    private SourceLocation location;
    private final List<Object> values;
    private final List<SourceLocation> locations;

    public KnownList(SourceLocation location) {
        this(location, 4);
    }

    public KnownList(SourceLocation location, int capacity) {
        this.location = location;
        this.values = new ArrayList<>(capacity);
        this.locations = new ArrayList<>(capacity);
    }

    public SourceLocation location() {
        return location;
    }

    public void relocate(SourceLocation newLocation) {
        this.location = newLocation;
    }

    /** Appends an element; null elements are skipped (Terraform and CloudFormation drop them). */
    public KnownList append(Object value, SourceLocation elementLocation) {
        if (value != null) {
            values.add(value);
            locations.add(elementLocation);
        }
        return this;
    }

    @Override
    public boolean add(Object value) {
        append(value, null);
        return true;
    }

    /** The element's location, or null when it has none of its own (or the index is out of range). */
    public SourceLocation elementLocation(int index) {
        return index >= 0 && index < locations.size() ? locations.get(index) : null;
    }

    public Object raw(int index) {
        return values.get(index);
    }

    /** Whether any element is {@link Unknown}. */
    public boolean hasUnknown() {
        for (Object value : values) {
            if (value instanceof Unknown) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object get(int index) {
        Object value = values.get(index);
        if (value instanceof Unknown) {
            throw new UnknownValueException("[" + index + "]");
        }
        return value;
    }

    /** Replaces element {@code index}, keeping its location. */
    @Override
    public Object set(int index, Object value) {
        return values.set(index, value);
    }

    @Override
    public Object remove(int index) {
        locations.remove(index);
        return values.remove(index);
    }

    @Override
    public int size() {
        return values.size();
    }

    /** From the stored elements: a hash must not read values that may be unknown. */
    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || super.equals(other);
    }

    /** Shows unknown elements as such (the inherited rendering would read them and fail). */
    @Override
    public String toString() {
        return values.toString();
    }
}
