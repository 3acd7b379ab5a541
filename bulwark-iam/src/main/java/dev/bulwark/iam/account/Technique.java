package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One known way for a principal to gain more privilege than it has. {@code requires} are the
 * actions it must be allowed, each on its resource; they are decided one by one over all the
 * principal's policies together, so a technique whose actions come from two different policies is
 * found. {@code kind} says what the technique works on and what it yields.
 *
 * @param appliesTo the principals that can use it (a user cannot attach a policy to itself as a role)
 * @param services for techniques that hand a role to a service: the service principals the role must trust
 * @param needsInstanceProfile whether the role must be in an instance profile (EC2 runs roles through one)
 * @param gain what the attacker obtains, in a few words
 * @param ending how that ends in more privilege
 */
public record Technique(String id, String name, Kind kind, Set<PrincipalKind> appliesTo, List<Requirement> requires,
                        List<String> services, boolean needsInstanceProfile, String gain, String ending) {
    /** What a technique works on and what it yields. */
    public enum Kind {
        /** Writes or attaches a policy to the principal itself: it gets whatever it writes, within its boundary and the SCPs. */
        SELF_POLICY,
        /** Writes or attaches a policy to a group the user is in. */
        GROUP_POLICY,
        /** Writes a new default version of a customer managed policy that applies to the principal (or is its boundary). */
        POLICY_VERSION,
        /** Makes an older, wider version of such a policy the default again. */
        DEFAULT_VERSION,
        /** Adds the user to a group whose policies grant more. */
        JOIN_GROUP,
        /** Removes or replaces the principal's permissions boundary. */
        DROP_BOUNDARY,
        /** Detaches a managed policy holding a Deny that keeps the principal from more. */
        DROP_MANAGED_DENY,
        /** Deletes an inline policy holding such a Deny. */
        DROP_INLINE_DENY,
        /** Leaves a group whose policies hold such a Deny. */
        LEAVE_GROUP,
        /** Writes or attaches a policy to another role that the principal can assume. */
        MODIFY_ASSUMABLE_ROLE,
        /** Assumes a more privileged role. */
        ASSUME_ROLE,
        /** Rewrites a more privileged role's trust policy to trust itself, then assumes the role. */
        REWRITE_TRUST,
        /** Creates or resets credentials of a more privileged user and signs in as that user. */
        USER_CREDENTIALS,
        /** Hands a more privileged role to a service that runs code the attacker controls. */
        PASS_ROLE,
        /** Takes over code that a service already runs as a more privileged role. */
        SERVICE_ROLE_IN_USE;

        /** Whether the technique yields another principal's permissions (an edge to that principal) rather than its own. */
        public boolean gainsTarget() {
            return switch (this) {
                case ASSUME_ROLE, REWRITE_TRUST, USER_CREDENTIALS, PASS_ROLE, SERVICE_ROLE_IN_USE -> true;
                case SELF_POLICY, GROUP_POLICY, POLICY_VERSION, DEFAULT_VERSION, JOIN_GROUP, DROP_BOUNDARY, DROP_MANAGED_DENY,
                        DROP_INLINE_DENY, LEAVE_GROUP, MODIFY_ASSUMABLE_ROLE -> false;
            };
        }
    }

    /** What a required action is performed on. */
    public enum On {
        /** The principal's own user or role ARN. */
        SELF,
        /** The target principal (a role or user) or the candidate group. */
        TARGET,
        /** The candidate managed policy. */
        POLICY,
        /** A new resource the attacker names (any name its policies allow). */
        NEW,
        /** An existing resource (any one its policies allow). */
        EXISTING
    }

    /** How a requirement involves a trust policy. */
    public enum Trust {
        /** An ordinary request. */
        NONE,
        /** {@code sts:AssumeRole} decided with the target role's trust policy. */
        TARGET_TRUST,
        /** {@code sts:AssumeRole} decided with a trust policy the attacker wrote, naming itself. */
        REWRITTEN_TRUST
    }

    /**
     * One required action. {@code resource} is an ARN template for {@link On#NEW} and
     * {@link On#EXISTING} ({@code {region}}, {@code {account}}, {@code {name}}); {@code context}
     * holds condition keys the request carries, where {@code {service}} is the service the role is
     * passed to, {@code {policy}} the candidate policy's ARN and {@code {admin}} the ARN of
     * AdministratorAccess (what an attacker would attach).
     */
    public record Requirement(String action, On on, String resource, Map<String, String> context, Trust trust) {
        public Requirement {
            requireNonNull(action, "action is null");
            requireNonNull(on, "on is null");
            requireNonNull(resource, "resource is null");
            context = Map.copyOf(context);
            requireNonNull(trust, "trust is null");
        }
    }

    public Technique {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        appliesTo = Set.copyOf(appliesTo);
        requires = List.copyOf(requires);
        services = List.copyOf(services);
        requireNonNull(gain, "gain is null");
        requireNonNull(ending, "ending is null");
    }

    /** The required actions, {@code a + b + c}, each once (ssm:SendCommand is checked on the document and on the instance). */
    public String actions() {
        Set<String> actions = new LinkedHashSet<>();
        for (Requirement requirement : requires) {
            actions.add(requirement.action());
        }
        return String.join(" + ", actions);
    }
}
