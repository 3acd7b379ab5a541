package dev.bulwark.core.yaml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A YAML mapping as a plain, insertion-ordered {@code Map<String, Object>} that also knows where
 * it and each of its entries sit in the source. The span of an entry runs from its key to the end
 * of its value, so a finding about {@code privileged: true} lands on that line.
 *
 * <p>Design: scans hold every object of a repository in memory at once (rules may look across
 * objects), and most mappings have a handful of keys. Keys, values and spans therefore live in
 * parallel arrays (about a quarter of a {@code LinkedHashMap} plus a span map); lookups scan the
 * keys, and only large mappings build a hash index. Read-only once built.
 */
public final class YamlMap extends AbstractMap<String, Object> {
    private static final int INDEX_THRESHOLD = 12;

    private final Span span;
    private String[] keys;
    private Object[] values;
    private int[] spans;
    private int size;
    private Map<String, Integer> index;

    YamlMap(Span span, int capacity) {
        this.span = span;
        int initial = Math.max(capacity, 1);
        this.keys = new String[initial];
        this.values = new Object[initial];
        this.spans = new int[initial * 4];
    }

    public Span span() {
        return span;
    }

    /**
     * A new map: {@code base} with {@code overlay} on top, for formats whose documents inherit from
     * an earlier one (Sigma rule collections). Where both hold a map under one key the two merge
     * the same way; any other overlay value replaces the base value. Entries keep the spans of the
     * document they come from; the result has the overlay's span.
     */
    public static YamlMap merge(YamlMap base, YamlMap overlay) {
        YamlMap result = new YamlMap(overlay.span, base.size + overlay.size);
        for (int i = 0; i < base.size; i++) {
            result.putWithSpan(base.keys[i], base.values[i], base.entrySpan(base.keys[i]));
        }
        for (int i = 0; i < overlay.size; i++) {
            String key = overlay.keys[i];
            Object value = overlay.values[i];
            Object inherited = result.get(key);
            if (inherited instanceof YamlMap inheritedMap && value instanceof YamlMap overlayMap) {
                value = merge(inheritedMap, overlayMap);
            }
            result.putWithSpan(key, value, overlay.entrySpan(key));
        }
        return result;
    }

    /** The span of the entry with {@code key}, or null when there is none. */
    public Span entrySpan(String key) {
        int position = indexOf(key);
        if (position < 0) {
            return null;
        }
        int base = position * 4;
        return new Span(spans[base], spans[base + 1], spans[base + 2], spans[base + 3]);
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer position = index.get(key);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds or replaces an entry (a later duplicate key wins, as in Kubernetes). */
    void putWithSpan(String key, Object value, Span entrySpan) {
        int position = indexOf(key);
        if (position < 0) {
            if (size == keys.length) {
                int capacity = size * 2;
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
                spans = Arrays.copyOf(spans, capacity * 4);
            }
            position = size++;
            keys[position] = key;
            if (index != null) {
                index.put(key, position);
            } else if (size > INDEX_THRESHOLD) {
                index = new HashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    index.put(keys[i], i);
                }
            }
        }
        values[position] = value;
        int base = position * 4;
        spans[base] = entrySpan.startLine();
        spans[base + 1] = entrySpan.startColumn();
        spans[base + 2] = entrySpan.endLine();
        spans[base + 3] = entrySpan.endColumn();
    }

    /** Removes an entry while the map is being built (a key later set to null). */
    void removeKey(String key) {
        int position = indexOf(key);
        if (position < 0) {
            return;
        }
        int tail = size - position - 1;
        System.arraycopy(keys, position + 1, keys, position, tail);
        System.arraycopy(values, position + 1, values, position, tail);
        System.arraycopy(spans, (position + 1) * 4, spans, position * 4, tail * 4);
        size--;
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            index.clear();
            for (int i = 0; i < size; i++) {
                index.put(keys[i], i);
            }
        }
    }

    @Override
    public Object get(Object key) {
        int position = indexOf(key);
        return position < 0 ? null : values[position];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int position = next++;
                        return new SimpleImmutableEntry<>(keys[position], values[position]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
