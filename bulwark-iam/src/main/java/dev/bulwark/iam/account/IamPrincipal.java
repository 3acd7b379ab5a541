package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user, group or role of an account export, with its own policies resolved (a user's group
 * policies stay with the groups; {@link #groups} names them). {@code line} is where its
 * {@code UserName}, {@code GroupName} or {@code RoleName} is written.
 *
 * @param boundary the permissions boundary, when it could be resolved
 * @param unresolvedBoundary the ARN of a permissions boundary whose content is not known (the
 *        principal's permissions then cannot be decided, and it is not analyzed)
 * @param trustPolicy a role's trust policy ({@code AssumeRolePolicyDocument}); empty for users and groups
 * @param roleLastUsed a role's {@code RoleLastUsed.LastUsedDate}; empty when the export does not say
 * @param instanceProfiles ARNs of the instance profiles a role is in (EC2 can run as it)
 */
public record IamPrincipal(PrincipalKind kind, String name, String arn, String path, int line, List<AttachedPolicy> policies,
                           List<String> groups, Optional<AttachedPolicy> boundary, Optional<String> unresolvedBoundary,
                           Optional<Policy> trustPolicy, Map<String, String> tags, Optional<String> createDate,
                           Optional<String> roleLastUsed, List<String> instanceProfiles) {
    public IamPrincipal {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(path, "path is null");
        policies = List.copyOf(policies);
        groups = List.copyOf(groups);
        requireNonNull(boundary, "boundary is null");
        requireNonNull(unresolvedBoundary, "unresolvedBoundary is null");
        requireNonNull(trustPolicy, "trustPolicy is null");
        tags = Map.copyOf(tags);
        requireNonNull(createDate, "createDate is null");
        requireNonNull(roleLastUsed, "roleLastUsed is null");
        instanceProfiles = List.copyOf(instanceProfiles);
    }

    /** {@code user/alice}, {@code role/deploy}, {@code group/Admins}: short and unique within an account. */
    public String display() {
        return kind.label() + "/" + name;
    }

    /** A role AWS created for a service ({@code /aws-service-role/}): nobody can assume, change or pass it. */
    public boolean serviceLinked() {
        return kind == PrincipalKind.ROLE && path.startsWith("/aws-service-role/");
    }
}
