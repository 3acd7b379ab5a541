package dev.bulwark.iam.lint;

import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.iam.policy.PolicyIssue.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Every check the linter runs, with its stable code (the {@link PolicyIssue#code()} of what it
 * reports), its level and a one-line summary for rule listings such as SARIF. The parser's own
 * checks are listed too, so that every code a lint result can hold is described here;
 * {@code bulwark-iam/LINT.md} explains each one with an example.
 *
 * <p>Levels follow one rule: {@link Level#ERROR} when AWS rejects the policy or the policy
 * cannot work as written, {@link Level#WARNING} when it is valid but risky or redundant.
 */
public enum LintCheck {
    // Reported by PolicyParser.
    INVALID_JSON("invalid-json", Level.ERROR, "The text is not JSON."),
    POLICY_IS_STRING("policy-is-string", Level.ERROR, "The document is a JSON string holding a policy, not the policy."),
    NOT_AN_OBJECT("not-an-object", Level.ERROR, "The document is not a JSON object."),
    UNKNOWN_ELEMENT("unknown-element", Level.ERROR, "An element name the policy grammar does not have."),
    DUPLICATE_KEY("duplicate-key", Level.ERROR, "The same element appears twice in one object."),
    INVALID_TYPE("invalid-type", Level.ERROR, "An element has the wrong JSON type."),
    MISSING_VERSION("missing-version", Level.WARNING, "No Version: policy variables are not substituted."),
    OLD_VERSION("old-version", Level.WARNING, "Version 2008-10-17: policy variables are not substituted."),
    INVALID_VERSION("invalid-version", Level.ERROR, "Version is neither 2012-10-17 nor 2008-10-17."),
    MISSING_STATEMENT("missing-statement", Level.ERROR, "The policy has no Statement."),
    NO_STATEMENTS("no-statements", Level.WARNING, "The Statement list is empty."),
    DUPLICATE_SID("duplicate-sid", Level.ERROR, "Two statements share a Sid."),
    MISSING_EFFECT("missing-effect", Level.ERROR, "A statement has no Effect."),
    INVALID_EFFECT("invalid-effect", Level.ERROR, "Effect is not exactly Allow or Deny."),
    CONFLICTING_ELEMENTS("conflicting-elements", Level.ERROR, "A statement has both an element and its Not form."),
    MISSING_ACTION("missing-action", Level.ERROR, "A statement has neither Action nor NotAction."),
    MISSING_RESOURCE("missing-resource", Level.ERROR, "A statement has neither Resource nor NotResource."),
    MISSING_PRINCIPAL("missing-principal", Level.ERROR, "A resource or trust policy statement names no principal."),
    PRINCIPAL_NOT_ALLOWED("principal-not-allowed", Level.ERROR, "A policy of this kind cannot name principals."),
    EMPTY_LIST("empty-list", Level.ERROR, "An element is an empty list."),
    EMPTY_VALUE("empty-value", Level.ERROR, "An element holds an empty string."),
    INVALID_ACTION("invalid-action", Level.ERROR, "A value is not written service:Action."),
    INVALID_ARN("invalid-arn", Level.ERROR, "A resource is not an ARN or has too few segments."),
    INVALID_PRINCIPAL("invalid-principal", Level.ERROR, "A principal is not written as IAM expects."),
    WILDCARD_PRINCIPAL("wildcard-principal", Level.ERROR, "A principal ARN holds a wildcard."),
    UNKNOWN_OPERATOR("unknown-operator", Level.ERROR, "A condition operator IAM does not have."),
    INVALID_OPERATOR("invalid-operator", Level.ERROR, "Null with IfExists or a set operator."),
    OPERATOR_CASE("operator-case", Level.WARNING, "A condition operator spelled in another case than AWS documents."),
    EMPTY_CONDITION("empty-condition", Level.WARNING, "A condition operator with no keys."),
    INVALID_CONDITION_VALUE("invalid-condition-value", Level.ERROR, "A condition value the operator cannot compare."),
    UNKNOWN_VALUE("unknown-value", Level.WARNING, "A value not known before deployment (infrastructure code)."),

    // Actions.
    UNKNOWN_SERVICE("unknown-service", Level.ERROR, "The action's service prefix is not an AWS service."),
    UNKNOWN_ACTION("unknown-action", Level.ERROR, "The service has no action of that name."),
    ACTION_MATCHES_NOTHING("action-matches-nothing", Level.ERROR, "A wildcard action that matches no action."),
    ACTION_CASE("action-case", Level.WARNING, "An action spelled in another case than AWS documents."),
    WILDCARD_SERVICE("wildcard-service", Level.WARNING, "A wildcard in the service prefix of an action (*:Get*)."),

    // Resources.
    INVALID_PARTITION("invalid-partition", Level.ERROR, "The ARN's partition is not an AWS partition."),
    UNKNOWN_ARN_SERVICE("unknown-arn-service", Level.ERROR, "The ARN's service is not one any resource type uses."),
    REGION_NOT_ALLOWED("region-not-allowed", Level.ERROR, "A region in the ARN of a service whose ARNs have none."),
    INVALID_ACCOUNT("invalid-account", Level.ERROR, "The ARN's account is not a 12-digit account id."),
    RESOURCE_MISMATCH("resource-mismatch", Level.ERROR, "A resource that none of the statement's actions acts on."),
    ACTION_RESOURCE_MISMATCH("action-resource-mismatch", Level.ERROR, "An action that acts on none of the statement's resources."),

    // Conditions.
    UNKNOWN_CONDITION_KEY("unknown-condition-key", Level.ERROR, "A condition key that neither AWS nor any service defines."),
    CONDITION_KEY_NOT_APPLICABLE("condition-key-not-applicable", Level.WARNING,
            "A condition key that none of the statement's actions supports."),
    CONDITION_TYPE_MISMATCH("condition-type-mismatch", Level.ERROR, "An operator that can never match the key's type."),
    CONDITION_TYPE_LOOSE("condition-type-loose", Level.WARNING, "An operator that compares the key's values as another type."),
    SET_OPERATOR_ON_SINGLE_VALUE("set-operator-single-valued", Level.WARNING, "ForAllValues or ForAnyValue on a single-valued key."),
    MISSING_SET_OPERATOR("missing-set-operator", Level.WARNING, "A multivalued key tested without ForAllValues or ForAnyValue."),
    FOR_ALL_VALUES_WITHOUT_NULL("for-all-values-without-null", Level.WARNING,
            "ForAllValues in an Allow without a Null test: requests without the key pass."),

    // Statement risks.
    ALLOW_NOT_ACTION("allow-not-action", Level.WARNING, "Allow with NotAction grants every other action."),
    ALLOW_NOT_RESOURCE("allow-not-resource", Level.WARNING, "Allow with NotResource grants every other resource."),
    ALLOW_NOT_PRINCIPAL("allow-not-principal", Level.ERROR, "Allow with NotPrincipal, which AWS does not support."),
    NOT_PRINCIPAL_IN_TRUST("not-principal-in-trust", Level.ERROR, "NotPrincipal in a role trust policy."),
    PUBLIC_PRINCIPAL("public-principal", Level.WARNING, "An Allow for everyone, without a condition."),
    FULL_ADMIN("full-admin", Level.WARNING, "Allow of every action on every resource."),
    INVALID_SID("invalid-sid", Level.ERROR, "A Sid with characters this policy type rejects."),
    INVALID_CHARACTER("invalid-character", Level.ERROR, "A character this policy type does not accept."),

    // Redundancy.
    DUPLICATE_ACTION("duplicate-action", Level.WARNING, "The same action twice in one list."),
    DUPLICATE_RESOURCE("duplicate-resource", Level.WARNING, "The same resource twice in one list."),
    REDUNDANT_ACTION("redundant-action", Level.WARNING, "An action another pattern of the same list already covers."),
    REDUNDANT_RESOURCE("redundant-resource", Level.WARNING, "A resource another pattern of the same list already covers."),
    REDUNDANT_STATEMENT("redundant-statement", Level.WARNING, "An Allow another unconditional Allow already grants in full."),
    SHADOWED_STATEMENT("shadowed-statement", Level.ERROR, "An Allow an unconditional Deny of the same policy cancels in full."),

    // The document as a whole.
    POLICY_TOO_LARGE("policy-too-large", Level.ERROR, "The policy is larger than AWS accepts for its type."),
    POLICY_SIZE_WITH_WHITESPACE("policy-size-with-whitespace", Level.WARNING,
            "The policy fits only once whitespace is removed."),
    ANALYSIS_LIMIT("analysis-limit", Level.WARNING, "The policy is so large that some checks were skipped.");

    private final String code;
    private final Level level;
    private final String summary;

    LintCheck(String code, Level level, String summary) {
        this.code = code;
        this.level = level;
        this.summary = summary;
    }

    /** The stable code, e.g. {@code unknown-action}. */
    public String code() {
        return code;
    }

    /** The level every issue of this check has. */
    public Level level() {
        return level;
    }

    /** One sentence saying what the check finds. */
    public String summary() {
        return summary;
    }

    /**
     * The check with the given code.
     *
     * @return the check, or empty for a code this version does not know
     */
    public static Optional<LintCheck> byCode(String code) {
        String wanted = code.toLowerCase(Locale.ROOT);
        for (LintCheck check : values()) {
            if (check.code.equals(wanted)) {
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }

    PolicyIssue at(Position position, String message) {
        return new PolicyIssue(level, position, code, message);
    }
}
