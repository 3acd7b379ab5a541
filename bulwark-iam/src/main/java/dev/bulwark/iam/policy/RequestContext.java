package dev.bulwark.iam.policy;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The condition keys of a request and their values. Keys are case-insensitive; a key holds one
 * value or, for a multivalued key such as {@code aws:TagKeys}, several (possibly none). Immutable.
 */
public final class RequestContext {
    private static final RequestContext EMPTY = new RequestContext(Map.of(), Map.of());

    private final Map<String, List<String>> values;
    private final Map<String, String> spelling;

    private RequestContext(Map<String, List<String>> values, Map<String, String> spelling) {
        this.values = values;
        this.spelling = spelling;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    /** A context from key → values; later spellings of the same key (ignoring case) replace earlier ones. */
    public static RequestContext of(Map<String, List<String>> entries) {
        Map<String, List<String>> values = new HashMap<>();
        Map<String, String> spelling = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            String lower = entry.getKey().toLowerCase(Locale.ROOT);
            values.put(lower, List.copyOf(entry.getValue()));
            spelling.put(lower, entry.getKey());
        }
        return new RequestContext(values, spelling);
    }

    /** This context plus {@code key} (when it is not already set). */
    RequestContext withDefault(String key, List<String> keyValues) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (values.containsKey(lower)) {
            return this;
        }
        Map<String, List<String>> copy = new HashMap<>(values);
        copy.put(lower, List.copyOf(keyValues));
        Map<String, String> spellings = new TreeMap<>(spelling);
        spellings.put(lower, key);
        return new RequestContext(copy, spellings);
    }

    /** The values of {@code lowerKey} (already lower case), or null when the request does not carry it. */
    public List<String> values(String lowerKey) {
        return values.get(lowerKey);
    }

    public boolean has(String key) {
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    /** Every key with its values, in key order, with the key spelled as given. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new TreeMap<>();
        for (Map.Entry<String, String> entry : spelling.entrySet()) {
            map.put(entry.getValue(), values.get(entry.getKey()));
        }
        return Collections.unmodifiableMap(map);
    }
}
