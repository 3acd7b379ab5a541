package dev.bulwark.iam.rbac;

import static java.util.Objects.requireNonNull;

/**
 * Where a permission applies: the whole cluster (granted by a ClusterRoleBinding) or one
 * namespace (granted by a RoleBinding). {@code namespace} is empty for the cluster.
 */
public record Scope(String namespace) implements Comparable<Scope> {
    public static final Scope CLUSTER = new Scope("");

    public Scope {
        requireNonNull(namespace, "namespace is null");
    }

    public static Scope namespace(String namespace) {
        return new Scope(namespace);
    }

    public boolean isCluster() {
        return namespace.isEmpty();
    }

    /**
     * Whether a request in {@code requestNamespace} ({@code ""} for cluster-scoped resources and
     * non-resource paths) is covered: cluster permissions cover every request, namespace
     * permissions only requests in their namespace.
     */
    public boolean covers(String requestNamespace) {
        return isCluster() || namespace.equals(requestNamespace);
    }

    /** {@code cluster-wide} or {@code in namespace NAME}. */
    public String label() {
        return isCluster() ? "cluster-wide" : "in namespace " + namespace;
    }

    /** The cluster first, then namespaces by name. */
    @Override
    public int compareTo(Scope other) {
        return namespace.compareTo(other.namespace);
    }
}
