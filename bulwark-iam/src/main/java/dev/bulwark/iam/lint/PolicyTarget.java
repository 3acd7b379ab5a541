package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a policy document is written for, as finely as the lint checks need it: the
 * {@link PolicyKind} that decides its grammar, and the AWS size quota and {@code Sid} rules of
 * that exact policy type (an inline role policy may be larger than a managed one, a bucket
 * policy larger than both).
 *
 * <p>Size quotas, as AWS documents them (checked 2026):
 * <ul>
 *   <li>IAM (User Guide, "IAM and AWS STS quotas"): managed policy 6,144 characters; inline
 *       policies, the sum per entity, user 2,048, group 5,120, role 10,240 characters; role trust
 *       policy 2,048 characters by default, an adjustable quota (Service Quotas); IAM does not
 *       count whitespace. A managed policy used as a permissions boundary has the managed
 *       limit.</li>
 *   <li>STS ({@code AssumeRole}, parameter {@code Policy}): the plain text of session policies
 *       can't exceed 2,048 characters (the packed binary form has a further limit we cannot
 *       compute).</li>
 *   <li>AWS Organizations ("Quotas and service limits"): SCP and RCP documents 5,120 characters;
 *       whitespace counts when the policy is saved through the API or CLI, the console removes
 *       it.</li>
 *   <li>Amazon S3 User Guide ("Bucket policies and user policies"): bucket policies are limited
 *       to 20 KB.</li>
 *   <li>AWS KMS Developer Guide ("Key policy format"): up to 32 kilobytes (32,768 bytes).</li>
 * </ul>
 * Other resource policies have per-service quotas and get no size check.
 */
public enum PolicyTarget {
    /** A customer managed identity policy (also the default for an identity policy). */
    IDENTITY("identity", PolicyKind.IDENTITY, new SizeLimit(6_144, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "a managed policy", "")),
    INLINE_USER("inline-user", PolicyKind.IDENTITY, new SizeLimit(2_048, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "the inline policies of a user", " (together)")),
    INLINE_ROLE("inline-role", PolicyKind.IDENTITY, new SizeLimit(10_240, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "the inline policies of a role", " (together)")),
    INLINE_GROUP("inline-group", PolicyKind.IDENTITY, new SizeLimit(5_120, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "the inline policies of a group", " (together)")),
    /** A resource policy of a service without a size quota the linter knows. */
    RESOURCE("resource", PolicyKind.RESOURCE, null),
    BUCKET("bucket", PolicyKind.RESOURCE, new SizeLimit(20 * 1024, SizeLimit.Unit.BYTES, "an S3 bucket policy", "")),
    KMS_KEY("kms-key", PolicyKind.RESOURCE, new SizeLimit(32 * 1024, SizeLimit.Unit.BYTES, "a KMS key policy", "")),
    TRUST("trust", PolicyKind.TRUST, new SizeLimit(2_048, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "a role trust policy", " by default (an adjustable quota: request an increase in Service Quotas)")),
    BOUNDARY("boundary", PolicyKind.PERMISSIONS_BOUNDARY, new SizeLimit(6_144, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "a managed policy used as a permissions boundary", "")),
    SESSION("session", PolicyKind.SESSION, new SizeLimit(2_048, SizeLimit.Unit.NON_WHITESPACE_CHARACTERS,
            "the session policies of one request", "")),
    SCP("scp", PolicyKind.SCP, new SizeLimit(5_120, SizeLimit.Unit.CHARACTERS, "a service control policy", "")),
    RCP("rcp", PolicyKind.RCP, new SizeLimit(5_120, SizeLimit.Unit.CHARACTERS, "a resource control policy", ""));

    /** An AWS size quota: at most {@code limit} units; {@code what} names the policy type in messages. */
    public record SizeLimit(int limit, Unit unit, String what, String note) {
        /** How AWS measures a policy against the quota. */
        public enum Unit {
            /** Characters, whitespace not counted (IAM, STS). */
            NON_WHITESPACE_CHARACTERS,
            /** Characters as sent, whitespace included (Organizations through its API). */
            CHARACTERS,
            /** UTF-8 bytes as sent (S3, KMS). */
            BYTES
        }

        public SizeLimit {
            requireNonNull(unit, "unit is null");
            requireNonNull(what, "what is null");
            requireNonNull(note, "note is null");
        }
    }

    private final String cliName;
    private final PolicyKind kind;
    private final SizeLimit sizeLimit;

    PolicyTarget(String cliName, PolicyKind kind, SizeLimit sizeLimit) {
        this.cliName = cliName;
        this.kind = kind;
        this.sizeLimit = sizeLimit;
    }

    /** The name the command line uses, e.g. {@code inline-role}. */
    public String cliName() {
        return cliName;
    }

    /** The policy grammar this target follows. */
    public PolicyKind kind() {
        return kind;
    }

    /** The AWS size quota, or empty when the linter knows none (a generic resource policy). */
    public Optional<SizeLimit> sizeLimit() {
        return Optional.ofNullable(sizeLimit);
    }

    /**
     * Whether a {@code Sid} may hold only ASCII letters and digits, as IAM and AWS Organizations
     * require; resource policies of S3, KMS and other services also accept spaces and more.
     */
    public boolean alphanumericSid() {
        return kind != PolicyKind.RESOURCE;
    }

    /**
     * Whether the document may hold only tab, line feed, carriage return and U+0020 to U+00FF,
     * as the IAM quotas page and the KMS key policy format say.
     */
    public boolean latin1Only() {
        return switch (kind) {
            case IDENTITY, TRUST, PERMISSIONS_BOUNDARY, SESSION -> true;
            case RESOURCE -> this == KMS_KEY;
            case SCP, RCP -> false;
        };
    }

    /** The target a policy kind means when nothing finer is known. */
    public static PolicyTarget of(PolicyKind kind) {
        return switch (kind) {
            case IDENTITY -> IDENTITY;
            case RESOURCE -> RESOURCE;
            case TRUST -> TRUST;
            case PERMISSIONS_BOUNDARY -> BOUNDARY;
            case SESSION -> SESSION;
            case SCP -> SCP;
            case RCP -> RCP;
        };
    }

    /**
     * The target with the given {@link #cliName()}, case-insensitively.
     *
     * @return the target, or empty for an unknown name
     */
    public static Optional<PolicyTarget> byCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (PolicyTarget target : values()) {
            if (target.cliName.equals(wanted)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    /** Every {@link #cliName()}, in declaration order, for usage messages. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        for (PolicyTarget target : values()) {
            names.add(target.cliName);
        }
        return names;
    }
}
