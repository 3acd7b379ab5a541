package dev.bulwark.iam.rbac;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * How a permission is granted: a binding's subject entry, the role it binds, the ClusterRoles the
 * rule was aggregated through, and the rule itself.
 *
 * @param bindingKind {@code RoleBinding} or {@code ClusterRoleBinding}
 * @param bindingNamespace empty for a ClusterRoleBinding
 * @param subjectPath the subject entry in the binding, e.g. {@code subjects[1]}
 * @param subjectLocation where that entry is written
 * @param builtinBinding whether the binding is one Kubernetes creates itself (named
 *     {@code system:...} or labelled {@code kubernetes.io/bootstrapping: rbac-defaults})
 * @param role the role the binding refers to
 * @param aggregatedFrom the ClusterRoles between {@code role} and the rule, outermost first, when
 *     {@code role} aggregates others; empty when the rule is the role's own
 * @param ruleIndex the rule's position in the rules of the role holding it
 * @param ruleLocation where the rule is written; empty for a default role not in the scan
 */
public record Grant(String bindingKind, String bindingNamespace, String bindingName, String subjectPath,
                    SourceLocation subjectLocation, boolean builtinBinding, RoleRef role, List<RoleRef> aggregatedFrom,
                    int ruleIndex, Optional<SourceLocation> ruleLocation) {
    public Grant {
        requireNonNull(bindingKind, "bindingKind is null");
        requireNonNull(bindingNamespace, "bindingNamespace is null");
        requireNonNull(bindingName, "bindingName is null");
        requireNonNull(subjectPath, "subjectPath is null");
        requireNonNull(subjectLocation, "subjectLocation is null");
        requireNonNull(role, "role is null");
        aggregatedFrom = List.copyOf(aggregatedFrom);
        requireNonNull(ruleLocation, "ruleLocation is null");
    }

    /** {@code ClusterRoleBinding ci-admin} or {@code RoleBinding payments/deployers}. */
    public String bindingLabel() {
        return bindingKind + " " + (bindingNamespace.isEmpty() ? bindingName : bindingNamespace + "/" + bindingName);
    }

    /** The role whose {@code rules} hold the rule: the last aggregated one, else the bound role. */
    public RoleRef ruleRole() {
        return aggregatedFrom.isEmpty() ? role : aggregatedFrom.get(aggregatedFrom.size() - 1);
    }
}
