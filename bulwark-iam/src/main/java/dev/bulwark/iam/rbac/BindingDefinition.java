package dev.bulwark.iam.rbac;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import java.util.List;

/**
 * A RoleBinding or ClusterRoleBinding as written.
 *
 * @param namespace empty for a ClusterRoleBinding
 * @param builtin whether Kubernetes creates it itself
 * @param resource the binding's resource, for its locations and suppression annotations
 */
record BindingDefinition(String kind, String namespace, String name, String roleKind, String roleName,
                         List<Subject> subjects, boolean builtin, Resource resource) {
    BindingDefinition {
        subjects = List.copyOf(subjects);
    }

    /** One subject entry: who, at which path and line. */
    record Subject(RbacSubject subject, String path, SourceLocation location) {}

    boolean isClusterBinding() {
        return namespace.isEmpty();
    }

    Scope scope() {
        return isClusterBinding() ? Scope.CLUSTER : Scope.namespace(namespace);
    }
}
