package dev.bulwark.core.yaml;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A YAML sequence as a plain, read-only {@code List<Object>} that knows the source span of each
 * element. Elements and spans live in arrays, for the same memory reasons as {@link YamlMap}.
 */
public final class YamlList extends AbstractList<Object> implements RandomAccess {
    private final Span span;
    private Object[] elements;
    private int[] spans;
    private int size;

    YamlList(Span span, int capacity) {
        this.span = span;
        int initial = Math.max(capacity, 1);
        this.elements = new Object[initial];
        this.spans = new int[initial * 4];
    }

    public Span span() {
        return span;
    }

    /** The span of element {@code index}, or null when out of range. */
    public Span elementSpan(int index) {
        if (index < 0 || index >= size) {
            return null;
        }
        int base = index * 4;
        return new Span(spans[base], spans[base + 1], spans[base + 2], spans[base + 3]);
    }

    void addWithSpan(Object value, Span elementSpan) {
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
            spans = Arrays.copyOf(spans, size * 8);
        }
        elements[size] = value;
        int base = size * 4;
        spans[base] = elementSpan.startLine();
        spans[base + 1] = elementSpan.startColumn();
        spans[base + 2] = elementSpan.endLine();
        spans[base + 3] = elementSpan.endColumn();
        size++;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return elements[index];
    }

    @Override
    public int size() {
        return size;
    }
}
