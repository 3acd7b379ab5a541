package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every policy that takes part in one evaluation, by kind. SCPs and RCPs come in levels (the
 * organization root, each OU, the account): every level must allow. {@code sessionPolicies}
 * empty means the request has no session policy (not "a session policy that allows nothing").
 * {@code resourcePolicyKind} tells a role trust policy or a KMS key policy (which must allow the
 * principal themselves) from other resource policies; by default it follows from the action
 * ({@code sts:AssumeRole*} and {@code kms:*}). Immutable; build with {@link #builder()}.
 */
public record PolicySet(List<Policy> identityPolicies, Optional<Policy> permissionsBoundary, List<Policy> sessionPolicies,
                        Optional<Policy> resourcePolicy, Optional<ResourcePolicyKind> resourcePolicyKind,
                        List<List<Policy>> scpLevels, List<List<Policy>> rcpLevels) {
    /** How a resource policy takes part in the decision. */
    public enum ResourcePolicyKind {
        /** Same account: identity or resource policy may allow; cross-account: both must. */
        STANDARD,
        /** A role trust policy: it must allow the principal (directly, or its account with an identity policy). */
        ROLE_TRUST,
        /** A KMS key policy: like a trust policy, the key policy must allow. */
        KMS_KEY
    }

    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        requireNonNull(permissionsBoundary, "permissionsBoundary is null");
        sessionPolicies = List.copyOf(sessionPolicies);
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        requireNonNull(resourcePolicyKind, "resourcePolicyKind is null");
        scpLevels = copyLevels(scpLevels);
        rcpLevels = copyLevels(rcpLevels);
    }

    private static List<List<Policy>> copyLevels(List<List<Policy>> levels) {
        List<List<Policy>> copy = new ArrayList<>(levels.size());
        for (List<Policy> level : levels) {
            copy.add(List.copyOf(level));
        }
        return List.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the policies of an evaluation; each setter may be called once. */
    public static final class Builder {
        private final List<Policy> identity = new ArrayList<>();
        private Policy boundary;
        private final List<Policy> session = new ArrayList<>();
        private Policy resource;
        private ResourcePolicyKind resourceKind;
        private final List<List<Policy>> scps = new ArrayList<>();
        private final List<List<Policy>> rcps = new ArrayList<>();

        public Builder identity(Policy policy) {
            identity.add(requireNonNull(policy, "policy is null"));
            return this;
        }

        public Builder identity(List<Policy> policies) {
            policies.forEach(this::identity);
            return this;
        }

        public Builder permissionsBoundary(Policy policy) {
            if (boundary != null) {
                throw new IllegalStateException("a principal has one permissions boundary; already set to " + boundary.name());
            }
            boundary = requireNonNull(policy, "policy is null");
            return this;
        }

        public Builder session(Policy policy) {
            session.add(requireNonNull(policy, "policy is null"));
            return this;
        }

        public Builder resource(Policy policy) {
            if (resource != null) {
                throw new IllegalStateException("a request has one resource policy; already set to " + resource.name());
            }
            resource = requireNonNull(policy, "policy is null");
            return this;
        }

        public Builder resourcePolicyKind(ResourcePolicyKind kind) {
            if (resourceKind != null) {
                throw new IllegalStateException("resource policy kind already set to " + resourceKind);
            }
            resourceKind = requireNonNull(kind, "kind is null");
            return this;
        }

        /** Adds one level of SCPs (all the SCPs attached at the root, one OU, or the account). */
        public Builder scpLevel(List<Policy> level) {
            scps.add(List.copyOf(level));
            return this;
        }

        public Builder rcpLevel(List<Policy> level) {
            rcps.add(List.copyOf(level));
            return this;
        }

        public PolicySet build() {
            return new PolicySet(identity, Optional.ofNullable(boundary), session, Optional.ofNullable(resource),
                    Optional.ofNullable(resourceKind), scps, rcps);
        }
    }
}
