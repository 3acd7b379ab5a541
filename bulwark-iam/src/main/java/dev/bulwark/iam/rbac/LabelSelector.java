package dev.bulwark.iam.rbac;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector of an aggregation rule: every {@code matchLabels} entry must equal,
 * and every {@code matchExpressions} requirement must hold. An empty selector selects everything,
 * as Kubernetes reads it.
 */
record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
    LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        expressions = List.copyOf(expressions);
    }

    /** The operators of a requirement. */
    enum Operator {
        IN,
        NOT_IN,
        EXISTS,
        DOES_NOT_EXIST
    }

    /** One {@code matchExpressions} entry. */
    record Requirement(String key, Operator operator, Set<String> values) {
        Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> entry : matchLabels.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (Requirement requirement : expressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
