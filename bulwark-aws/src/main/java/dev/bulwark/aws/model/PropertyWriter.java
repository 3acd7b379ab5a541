package dev.bulwark.aws.model;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;

/**
 * Writes nested properties into a {@link KnownMap}: {@code set("VersioningConfiguration.Status", "Enabled", at)}
 * creates the intermediate objects, located where the value was written. Values are kept as
 * given, unknowns included; null values are skipped. Setting a value inside an object that is
 * unknown replaces the unknown with a new object: the later, explicit setting (a separate
 * Terraform resource configuring the bucket's encryption) says more than the unknown did.
 */
public final class PropertyWriter {
    private final KnownMap root;

    public PropertyWriter(KnownMap root) {
        this.root = root;
    }

    public KnownMap root() {
        return root;
    }

    /** Sets {@code path} (dot-separated keys) to {@code value}. */
    public PropertyWriter set(String path, Object value, SourceLocation location) {
        if (value == null) {
            return this;
        }
        String[] keys = path.split("\\.");
        parent(keys, location, true).put(keys[keys.length - 1], value, location);
        return this;
    }

    /** Appends {@code value} to the list at {@code path}, creating it. */
    public PropertyWriter append(String path, Object value, SourceLocation location) {
        if (value == null) {
            return this;
        }
        String[] keys = path.split("\\.");
        KnownMap current = parent(keys, location, false);
        if (current == null) {
            return this;
        }
        String last = keys[keys.length - 1];
        Object existing = current.raw(last);
        if (existing instanceof Unknown) {
            return this;
        }
        KnownList list;
        if (existing instanceof KnownList known) {
            list = known;
        } else {
            list = new KnownList(location);
            current.put(last, list, location);
        }
        list.append(value, location);
        return this;
    }

    /**
     * The object holding the last key of {@code keys}, created as needed. An unknown object on
     * the way is replaced when {@code replaceUnknown}, else the result is null (nothing can be
     * added to a list nobody knows).
     */
    private KnownMap parent(String[] keys, SourceLocation location, boolean replaceUnknown) {
        KnownMap current = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = current.raw(keys[i]);
            if (next instanceof Unknown && !replaceUnknown) {
                return null;
            }
            if (next instanceof KnownMap map) {
                current = map;
            } else {
                KnownMap created = new KnownMap(location);
                current.put(keys[i], created, location);
                current = created;
            }
        }
        return current;
    }

    /** The value at {@code path} as stored, or null. */
    public Object get(String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof KnownMap map)) {
                return null;
            }
            current = map.raw(key);
        }
        return current;
    }
}
