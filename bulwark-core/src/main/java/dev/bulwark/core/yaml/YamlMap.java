package dev.bulwark.core.yaml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML mapping as a plain {@code Map<String, Object>} that also knows where it and each of its
 * entries sit in the source. The span of an entry runs from its key to the end of its value, so a
 * finding about {@code privileged: true} lands on that line.
 */
public final class YamlMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private final Span span;
    private final transient Map<String, Span> entrySpans = new HashMap<>();

    YamlMap(Span span) {
        this.span = span;
    }

    public Span span() {
        return span;
    }

    /** The span of the entry with {@code key}, or null when there is none. */
    public Span entrySpan(String key) {
        return entrySpans.get(key);
    }

    void putWithSpan(String key, Object value, Span entrySpan) {
        put(key, value);
        entrySpans.put(key, entrySpan);
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
