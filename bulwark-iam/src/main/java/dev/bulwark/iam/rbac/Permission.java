package dev.bulwark.iam.rbac;

import static java.util.Objects.requireNonNull;

/**
 * One rule a subject holds, where it applies and how it was granted.
 *
 * @param holder the subject the binding names: the subject asked about, or a group it belongs to
 *     ({@code system:authenticated}, {@code system:serviceaccounts}, ...)
 */
public record Permission(RbacSubject holder, Scope scope, PolicyRule rule, Grant grant) {
    public Permission {
        requireNonNull(holder, "holder is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(grant, "grant is null");
    }

    /** Whether this permission allows a resource request in {@code namespace} ({@code ""} for cluster-scoped resources). */
    public boolean allows(String verb, String apiGroup, String resource, String subresource, String namespace, String name) {
        return scope.covers(namespace) && rule.allows(verb, apiGroup, resource, subresource, name);
    }

    /** Whether this permission allows a request for a non-resource path; only cluster permissions can. */
    public boolean allowsNonResource(String verb, String path) {
        return scope.isCluster() && rule.allowsNonResource(verb, path);
    }
}
