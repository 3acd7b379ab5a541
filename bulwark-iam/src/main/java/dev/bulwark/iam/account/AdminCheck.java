package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.StatementRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Administrator-equivalent access: the principal is allowed each of a set of representative
 * actions across services (identity, storage, compute, keys, secrets, databases, audit,
 * organization, DNS, containers) on resources nobody names. {@code "*"} on {@code "*"} passes; so
 * does a list of {@code service:*} grants wide enough to cover them all; {@code NotAction} that
 * leaves out IAM (PowerUserAccess) does not, and neither does anything a Deny, a condition, a
 * boundary or an SCP takes away. Stateless.
 */
final class AdminCheck {
    static final List<String> ACTIONS = List.of(
            "iam:AttachRolePolicy",
            "iam:CreateUser",
            "iam:PassRole",
            "s3:GetObject",
            "s3:PutBucketPolicy",
            "ec2:RunInstances",
            "ec2:AuthorizeSecurityGroupIngress",
            "lambda:CreateFunction",
            "kms:Decrypt",
            "secretsmanager:GetSecretValue",
            "dynamodb:DeleteTable",
            "rds:DeleteDBInstance",
            "cloudtrail:StopLogging",
            "logs:DeleteLogGroup",
            "organizations:LeaveOrganization",
            "cloudformation:CreateStack",
            "route53:ChangeResourceRecordSets",
            "ecs:RunTask",
            "eks:CreateCluster");

    /** The outcome: whether every probe is allowed, the statements that grant them, and the first probe that is not. */
    record Result(boolean admin, List<StatementRef> grants, Optional<Probe> failedProbe, Optional<EvaluationResult> failure) {
        Result {
            grants = List.copyOf(grants);
            requireNonNull(failedProbe, "failedProbe is null");
            requireNonNull(failure, "failure is null");
        }
    }

    private final List<Probe> probes;

    AdminCheck(ProbeResources resources) {
        List<Probe> list = new ArrayList<>();
        for (String action : ACTIONS) {
            list.add(resources.anyResource(action));
        }
        this.probes = List.copyOf(list);
    }

    List<Probe> probes() {
        return probes;
    }

    Result check(PrincipalPermissions permissions) {
        return check(permissions, permissions.grants(), true);
    }

    /** Whether {@code grants} (changed policies of the principal) would be administrator-equivalent. */
    Result check(PrincipalPermissions permissions, Grants grants) {
        return check(permissions, grants, grants == permissions.grants());
    }

    private Result check(PrincipalPermissions permissions, Grants grants, boolean cached) {
        Set<StatementRef> granting = new LinkedHashSet<>();
        for (Probe probe : probes) {
            EvaluationResult result = cached ? permissions.evaluate(probe) : permissions.evaluate(probe, grants);
            if (!result.allowed()) {
                return new Result(false, List.copyOf(granting), Optional.of(probe), Optional.of(result));
            }
            for (StatementRef ref : result.decidingStatements()) {
                if (ref.kind() == PolicyKind.IDENTITY) {
                    granting.add(ref);
                }
            }
        }
        return new Result(true, List.copyOf(granting), Optional.empty(), Optional.empty());
    }

    /** Whether the identity policies grant every probe on paper (Denies, conditions, boundary and SCPs aside). */
    boolean onPaper(PrincipalPermissions permissions) {
        for (Probe probe : probes) {
            if (permissions.paperGrants(probe, permissions.grants()).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
