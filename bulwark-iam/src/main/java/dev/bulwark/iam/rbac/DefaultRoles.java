package dev.bulwark.iam.rbac;

import dev.bulwark.iam.BundledYaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default user-facing ClusterRoles of Kubernetes (cluster-admin, admin, edit, view), read
 * once from {@code bulwark/iam/rbac-default-roles.yaml}. They stand in for a bound role the
 * scanned files do not define; the resource is part of the build, so a malformed one is a bug.
 */
final class DefaultRoles {
    private static final String RESOURCE = "bulwark/iam/rbac-default-roles.yaml";
    private static final Map<String, RoleDefinition> ROLES = load();

    private DefaultRoles() {}

    static Optional<RoleDefinition> clusterRole(String name) {
        return Optional.ofNullable(ROLES.get(name));
    }

    private static Map<String, RoleDefinition> load() {
        List<?> entries = BundledYaml.list(RESOURCE, "roles");
        Map<String, RoleDefinition> roles = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> role) || !(role.get("name") instanceof String name)) {
                throw new IllegalStateException(RESOURCE + ": every role needs a name");
            }
            List<PolicyRule> rules = new ArrayList<>();
            if (role.get("includes") instanceof List<?> includes) {
                for (Object included : includes) {
                    RoleDefinition base = roles.get(String.valueOf(included));
                    if (base == null) {
                        throw new IllegalStateException(RESOURCE + ": " + name + " includes " + included + ", which is not defined before it");
                    }
                    base.rules().forEach(rule -> rules.add(rule.rule()));
                }
            }
            List<String> problems = new ArrayList<>();
            RbacReader.readRules(role.get("rules"), "rules", null, problems).forEach(rule -> rules.add(rule.rule()));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": " + name + ": " + problems.get(0));
            }
            List<RoleDefinition.Rule> numbered = new ArrayList<>(rules.size());
            for (int i = 0; i < rules.size(); i++) {
                numbered.add(new RoleDefinition.Rule(rules.get(i), i, Optional.empty()));
            }
            roles.put(name, new RoleDefinition(new RoleRef("ClusterRole", "", name, Optional.empty()), Map.of(), numbered,
                    false, List.of()));
        }
        return Collections.unmodifiableMap(roles);
    }
}
