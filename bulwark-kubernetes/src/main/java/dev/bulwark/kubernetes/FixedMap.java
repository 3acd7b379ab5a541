package dev.bulwark.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only map whose keys are fixed by a {@link Layout} shared by every map of its kind, for the
 * derived values bound to every workload (a container's settings, an env entry, ...). Keys iterate
 * in layout order.
 *
 * <p>Design: a scan holds every object of a repository in memory until the scan ends, and a
 * workload binds a few dozen of these; an array of values per map instead of a
 * {@code LinkedHashMap} each keeps that to a tenth of the memory. Immutable once built.
 */
final class FixedMap extends AbstractMap<String, Object> {
    /** The keys of one kind of map, in order. Immutable and thread-safe. */
    static final class Layout {
        private final List<String> keys;
        private final Map<String, Integer> positions = new HashMap<>();

        Layout(String... keys) {
            this.keys = List.of(keys);
            for (int i = 0; i < keys.length; i++) {
                if (positions.put(keys[i], i) != null) {
                    throw new IllegalArgumentException("key " + keys[i] + " is repeated");
                }
            }
        }

        /** A map of this layout with {@code values} in key order. */
        FixedMap of(Object... values) {
            if (values.length != keys.size()) {
                throw new IllegalArgumentException(values.length + " values for the " + keys.size() + " keys " + keys);
            }
            for (int i = 0; i < values.length; i++) {
                requireNonNull(values[i], keys.get(i) + " is null");
            }
            return new FixedMap(this, values);
        }

        int size() {
            return keys.size();
        }
    }

    private final Layout layout;
    private final Object[] values;

    private FixedMap(Layout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        Integer position = layout.positions.get(key);
        return position == null ? null : values[position];
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.positions.containsKey(key);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            entries.put(layout.keys.get(i), values[i]);
        }
        return Collections.unmodifiableMap(entries).entrySet();
    }
}
