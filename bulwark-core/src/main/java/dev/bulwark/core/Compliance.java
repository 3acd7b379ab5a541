package dev.bulwark.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compliance mappings (framework id to control ids) as immutable maps sorted by framework.
 * Findings share their rule's map instead of copying it: a large scan makes tens of thousands.
 */
final class Compliance {
    private static final Class<?> FROZEN = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    private Compliance() {}

    static Map<String, List<String>> frozen(Map<String, List<String>> compliance) {
        if (compliance.getClass() == FROZEN) {
            return compliance;
        }
        SortedMap<String, List<String>> sorted = new TreeMap<>();
        compliance.forEach((framework, controls) -> sorted.put(framework, List.copyOf(controls)));
        return Collections.unmodifiableSortedMap(sorted);
    }
}
