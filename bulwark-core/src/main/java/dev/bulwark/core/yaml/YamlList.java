package dev.bulwark.core.yaml;

import java.util.ArrayList;
import java.util.List;

/** A YAML sequence as a plain {@code List<Object>} that knows the source span of each element. */
public final class YamlList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private final Span span;
    private final transient List<Span> elementSpans = new ArrayList<>();

    YamlList(Span span) {
        this.span = span;
    }

    public Span span() {
        return span;
    }

    /** The span of element {@code index}, or null when out of range. */
    public Span elementSpan(int index) {
        return index >= 0 && index < elementSpans.size() ? elementSpans.get(index) : null;
    }

    void addWithSpan(Object value, Span elementSpan) {
        add(value);
        elementSpans.add(elementSpan);
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
