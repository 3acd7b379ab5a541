package dev.bulwark.core.model;

import dev.bulwark.core.SourceLocation;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An insertion-ordered map of a resource model whose entries may be {@link Unknown} and know
 * where they were written. Reading an unknown entry with {@link #get} raises
 * {@link UnknownValueException}, which is how rules are kept from deciding on values nobody can
 * know before deployment; adapters read raw values with {@link #raw}.
 *
 * <p>Each entry keeps its own {@link SourceLocation} (possibly in another file than the map,
 * when an adapter merged a separate resource into it, such as a Terraform
 * {@code aws_security_group_rule} into its group), or null to mean "where the map is".
 *
 * <p>Mutable while an adapter builds it, then shared read-only by all rule threads.
 */
public final class KnownMap extends AbstractMap<String, Object> {
    private static final int INDEX_THRESHOLD = 12;

    private SourceLocation location;
    private final List<String> keys;
    private final List<Object> values;
    private final List<SourceLocation> locations;
    private Map<String, Integer> index;

    public KnownMap(SourceLocation location) {
        this(location, 4);
    }

    public KnownMap(SourceLocation location, int capacity) {
        this.location = location;
        this.keys = new ArrayList<>(capacity);
        this.values = new ArrayList<>(capacity);
        this.locations = new ArrayList<>(capacity);
    }

    /** Where the map itself was written (the resource, the block, the object). */
    public SourceLocation location() {
        return location;
    }

    public void relocate(SourceLocation newLocation) {
        this.location = newLocation;
    }

    /** The location of the entry {@code key}, or null when there is none or it has no location of its own. */
    public SourceLocation entryLocation(String key) {
        int position = indexOf(key);
        return position < 0 ? null : locations.get(position);
    }

    /** The value of {@code key} as stored, possibly {@link Unknown}; null when absent. */
    public Object raw(String key) {
        int position = indexOf(key);
        return position < 0 ? null : values.get(position);
    }

    /** Adds or replaces an entry. A null value removes the key. */
    public KnownMap put(String key, Object value, SourceLocation entryLocation) {
        if (value == null) {
            remove(key);
            return this;
        }
        int position = indexOf(key);
        if (position >= 0) {
            values.set(position, value);
            locations.set(position, entryLocation);
            return this;
        }
        keys.add(key);
        values.add(value);
        locations.add(entryLocation);
        if (index != null) {
            index.put(key, keys.size() - 1);
        } else if (keys.size() > INDEX_THRESHOLD) {
            rebuildIndex();
        }
        return this;
    }

    @Override
    public Object put(String key, Object value) {
        Object previous = raw(key);
        put(key, value, null);
        return previous;
    }

    @Override
    public Object remove(Object key) {
        int position = indexOf(key);
        if (position < 0) {
            return null;
        }
        Object previous = values.get(position);
        keys.remove(position);
        values.remove(position);
        locations.remove(position);
        if (index != null) {
            rebuildIndex();
        }
        return previous;
    }

    private void rebuildIndex() {
        index = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer position = index.get(key);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the entry exists and holds an {@link Unknown}. */
    public boolean isUnknown(String key) {
        return raw(key) instanceof Unknown;
    }

    @Override
    public Object get(Object key) {
        int position = indexOf(key);
        if (position < 0) {
            return null;
        }
        Object value = values.get(position);
        if (value instanceof Unknown) {
            throw new UnknownValueException(String.valueOf(key));
        }
        return value;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Keys in insertion order. */
    public List<String> keyList() {
        return java.util.Collections.unmodifiableList(keys);
    }

    /** Keys are always known, even where values are not. */
    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return keys.iterator();
            }

            @Override
            public int size() {
                return keys.size();
            }

            @Override
            public boolean contains(Object key) {
                return indexOf(key) >= 0;
            }
        };
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
                        return next < keys.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.size()) {
                            throw new NoSuchElementException();
                        }
                        int position = next++;
                        Object value = values.get(position);
                        if (value instanceof Unknown) {
                            throw new UnknownValueException(keys.get(position));
                        }
                        return new SimpleImmutableEntry<>(keys.get(position), value);
                    }
                };
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }

    /** Shows unknown values as such (the inherited rendering would read them and fail). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(keys.get(i)).append('=').append(values.get(i));
        }
        return text.append('}').toString();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || super.equals(other);
    }

    /** By keys only: a hash must not read values that may be unknown (records holding a map hash it). */
    @Override
    public int hashCode() {
        return keys.hashCode();
    }
}
