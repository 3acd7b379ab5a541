package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Policy;

/**
 * A policy as it applies to one principal: a managed policy attached to it, or one of its inline
 * policies. {@code reference} is the managed policy's ARN or the inline policy's name;
 * {@code owner} is who it is attached to ({@code user/alice}, {@code group/Admins},
 * {@code role/deploy}), which for a user's group policies is the group. {@code policy} carries
 * {@link #label()} as its name, so every statement an evaluation cites says where it comes from.
 * {@code line} is where the attachment or inline policy is written in the export.
 */
public record AttachedPolicy(Origin origin, String reference, String owner, Policy policy, int line) {
    /** How the policy is attached. */
    public enum Origin {
        /** A managed policy (AWS or customer), attached by ARN. */
        MANAGED,
        /** An inline policy, embedded in its principal. */
        INLINE
    }

    public AttachedPolicy {
        requireNonNull(origin, "origin is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(policy, "policy is null");
    }

    /** The name statements cite: {@code ARN} or {@code ARN via group/G} for managed, {@code inline NAME of owner} for inline. */
    public static String label(Origin origin, String reference, String owner, boolean viaGroup) {
        return switch (origin) {
            case MANAGED -> viaGroup ? reference + " via " + owner : reference;
            case INLINE -> "inline " + reference + " of " + owner;
        };
    }

    public String label() {
        return policy.name();
    }

    /** Where in the principal's export entry this attachment lives, e.g. {@code AttachedManagedPolicies[ARN]}. */
    public String path(PrincipalKind ownerKind) {
        return switch (origin) {
            case MANAGED -> "AttachedManagedPolicies[" + reference + "]";
            case INLINE -> switch (ownerKind) {
                case USER -> "UserPolicyList[" + reference + "]";
                case ROLE -> "RolePolicyList[" + reference + "]";
                case GROUP -> "GroupPolicyList[" + reference + "]";
            };
        };
    }
}
