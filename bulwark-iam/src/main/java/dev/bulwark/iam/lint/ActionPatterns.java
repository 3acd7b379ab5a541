package dev.bulwark.iam.lint;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Action patterns of one lint run, expanded against the catalog once each: a policy names the
 * same patterns in many statements, and {@code *} alone stands for more than 20,000 actions.
 * Coverage between patterns is decided on these expansions, so it is exact for the actions the
 * catalog knows. Not thread-safe; one per run.
 */
final class ActionPatterns {
    private final IamCatalog catalog;
    private final Map<String, List<ActionInfo>> expansions = new HashMap<>();
    private final Map<String, Set<ActionInfo>> sets = new HashMap<>();

    ActionPatterns(IamCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the pattern matches every action: {@code *}, {@code *:*}, {@code **}. */
    static boolean matchesEverything(String pattern) {
        int colon = pattern.indexOf(':');
        for (int index = 0; index < pattern.length(); index++) {
            char c = pattern.charAt(index);
            if (c != '*' && index != colon) {
                return false;
            }
        }
        return colon != 0 && colon != pattern.length() - 1 && !pattern.isEmpty();
    }

    /** The catalog actions the pattern matches (case-insensitive); empty for an unknown service or action. */
    List<ActionInfo> expand(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (matchesEverything(lower)) {
            lower = "*";
        }
        return expansions.computeIfAbsent(lower, catalog::expand);
    }

    /** {@link #expand} as a set by identity, for membership tests. */
    Set<ActionInfo> set(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (matchesEverything(lower)) {
            lower = "*";
        }
        Set<ActionInfo> set = sets.get(lower);
        if (set == null) {
            set = Collections.newSetFromMap(new IdentityHashMap<>());
            set.addAll(expand(lower));
            sets.put(lower, set);
        }
        return set;
    }

    /**
     * Whether every catalog action {@code pattern} matches is matched by one of {@code others}.
     * False when the pattern matches no known action (nothing can be said about it) and when it
     * matches everything but none of the others does.
     */
    boolean covered(String pattern, List<String> others) {
        for (String other : others) {
            if (matchesEverything(other)) {
                return true;
            }
        }
        if (matchesEverything(pattern)) {
            return false;
        }
        List<ActionInfo> actions = expand(pattern);
        if (actions.isEmpty()) {
            return false;
        }
        for (ActionInfo action : actions) {
            boolean found = false;
            for (String other : others) {
                if (set(other).contains(action)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Whether no catalog action {@code pattern} matches is matched by any of {@code others}; false for an unknown pattern. */
    boolean disjoint(String pattern, List<String> others) {
        if (matchesEverything(pattern)) {
            return false;
        }
        List<ActionInfo> actions = expand(pattern);
        if (actions.isEmpty()) {
            return false;
        }
        for (String other : others) {
            if (matchesEverything(other)) {
                return false;
            }
            Set<ActionInfo> set = set(other);
            for (ActionInfo action : actions) {
                if (set.contains(action)) {
                    return false;
                }
            }
        }
        return true;
    }
}
