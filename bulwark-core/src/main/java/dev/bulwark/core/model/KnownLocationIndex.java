package dev.bulwark.core.model;

import dev.bulwark.core.SourceLocation;
import java.util.List;

/**
 * Locates value paths in a model built of {@link KnownMap}s and {@link KnownList}s: the location
 * of the deepest value on the path that has one. List elements in stable keys are named by their
 * first identity field that holds a string ({@code Sid}, {@code Name}, {@code Key}, ...), so a
 * fingerprint survives reordering.
 */
public final class KnownLocationIndex implements LocationIndex {
    private static final List<String> IDENTITY_FIELDS = List.of("Sid", "Name", "name", "Key", "Id", "PolicyName");

    private final KnownMap root;

    public KnownLocationIndex(KnownMap root) {
        this.root = root;
    }

    @Override
    public SourceLocation locate(String path) {
        SourceLocation best = root.location();
        Object current = root;
        for (Object segment : ValuePath.parse(path)) {
            SourceLocation next = null;
            Object child = null;
            if (current instanceof KnownMap map) {
                String key = String.valueOf(segment);
                if (!map.containsKey(key)) {
                    break;
                }
                child = map.raw(key);
                next = map.entryLocation(key);
            } else if (current instanceof KnownList list && segment instanceof Integer index) {
                if (index < 0 || index >= list.size()) {
                    break;
                }
                child = list.raw(index);
                next = list.elementLocation(index);
            } else {
                break;
            }
            if (next == null) {
                next = ownLocation(child);
            }
            if (next != null) {
                best = next;
            }
            current = child;
        }
        return best;
    }

    private static SourceLocation ownLocation(Object value) {
        if (value instanceof KnownMap map) {
            return map.location();
        }
        if (value instanceof KnownList list) {
            return list.location();
        }
        return null;
    }

    @Override
    public String stableKey(String path) {
        StringBuilder key = new StringBuilder();
        Object current = root;
        for (Object segment : ValuePath.parse(path)) {
            Object child = null;
            if (segment instanceof Integer index && current instanceof KnownList list && index >= 0 && index < list.size()) {
                child = list.raw(index);
                String identity = identity(child);
                if (identity != null) {
                    key.append("[=").append(identity).append(']');
                } else {
                    key.append('[').append(index).append(']');
                }
            } else {
                if (current instanceof KnownMap map) {
                    child = map.raw(String.valueOf(segment));
                }
                key.append('.').append(segment);
            }
            current = child;
        }
        return key.toString();
    }

    private static String identity(Object element) {
        if (element instanceof KnownMap map) {
            for (String field : IDENTITY_FIELDS) {
                if (map.raw(field) instanceof String text) {
                    return field + "=" + text;
                }
            }
        }
        return null;
    }
}
