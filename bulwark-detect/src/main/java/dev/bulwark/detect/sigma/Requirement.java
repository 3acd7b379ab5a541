package dev.bulwark.detect.sigma;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an event must hold for a condition to be true, as far as the rule index cares: for each
 * listed field, the event's value (or an element of it) has one of the listed keys
 * ({@link Scalars#key}). Empty means nothing is known and the rule is always checked.
 *
 * <p>Derivation: a field item of plain values gives its field; AND keeps the fields of both sides
 * (intersecting keys where both name one field); OR keeps only fields both sides name, uniting
 * their keys; NOT gives nothing. It is sound: whenever the condition holds, every listed field
 * requirement holds, so an index may skip rules whose requirement an event cannot meet.
 */
record Requirement(Map<String, Bucket> buckets) {
    static final Requirement NONE = new Requirement(Map.of());

    /** One field the condition requires, and the keys any one of which it must have. */
    record Bucket(FieldAccessor accessor, Set<String> keys) {
        Bucket {
            keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
        }
    }

    Requirement {
        buckets = Collections.unmodifiableSortedMap(new TreeMap<>(buckets));
    }

    static Requirement of(FieldAccessor accessor, Set<String> keys) {
        return new Requirement(Map.of(accessor.key(), new Bucket(accessor, keys)));
    }

    Requirement and(Requirement other) {
        Map<String, Bucket> result = new HashMap<>(buckets);
        for (Map.Entry<String, Bucket> entry : other.buckets.entrySet()) {
            Bucket mine = result.get(entry.getKey());
            if (mine == null) {
                result.put(entry.getKey(), entry.getValue());
            } else {
                Set<String> common = new HashSet<>(mine.keys());
                common.retainAll(entry.getValue().keys());
                result.put(entry.getKey(), new Bucket(mine.accessor(), common));
            }
        }
        return new Requirement(result);
    }

    Requirement or(Requirement other) {
        Map<String, Bucket> result = new HashMap<>();
        for (Map.Entry<String, Bucket> entry : buckets.entrySet()) {
            Bucket theirs = other.buckets.get(entry.getKey());
            if (theirs != null) {
                Set<String> union = new HashSet<>(entry.getValue().keys());
                union.addAll(theirs.keys());
                result.put(entry.getKey(), new Bucket(entry.getValue().accessor(), union));
            }
        }
        return new Requirement(result);
    }
}
