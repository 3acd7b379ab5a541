package dev.bulwark.iam.rbac;

import dev.bulwark.core.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Role or ClusterRole as written (or as Kubernetes defines it, for a default role not in the
 * scan). {@code selectors} are the aggregation rule's ClusterRole selectors; {@code aggregated}
 * says whether it has an aggregation rule at all (one whose selectors are all invalid selects
 * nothing).
 */
record RoleDefinition(RoleRef ref, Map<String, String> labels, List<Rule> rules, boolean aggregated,
                      List<LabelSelector> selectors) {
    RoleDefinition {
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
        selectors = List.copyOf(selectors);
    }

    /** A rule with its position and source line. */
    record Rule(PolicyRule rule, int index, Optional<SourceLocation> location) {}

    String kind() {
        return ref.kind();
    }

    String namespace() {
        return ref.namespace();
    }

    String name() {
        return ref.name();
    }
}
