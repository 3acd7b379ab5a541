package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.lint.PolicyTarget.SizeLimit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Policy size against the AWS quota of each policy type, counted as AWS counts. */
class TestPolicyLintSize {
    /** A policy whose size without whitespace is exactly {@code size}, padded in its Id, plus {@code extraSpaces} spaces. */
    private static String policyOfSize(int size, int extraSpaces) {
        String template = "{\"Version\": \"2012-10-17\", \"Id\": \"%s\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\":"
                + " \"s3:GetObject\", \"Resource\": \"*\"}]}%s";
        String empty = String.format(Locale.ROOT, template, "", "");
        int base = empty.replace(" ", "").length();
        return String.format(Locale.ROOT, template, "x".repeat(size - base), " ".repeat(extraSpaces));
    }

    @Test
    void theQuotasAreTheOnesAwsDocuments() {
        Map<PolicyTarget, Integer> limits = new LinkedHashMap<>();
        for (PolicyTarget target : PolicyTarget.values()) {
            limits.put(target, target.sizeLimit().map(SizeLimit::limit).orElse(0));
        }
        assertThat(limits).containsExactly(
                Map.entry(PolicyTarget.IDENTITY, 6_144), Map.entry(PolicyTarget.INLINE_USER, 2_048),
                Map.entry(PolicyTarget.INLINE_ROLE, 10_240), Map.entry(PolicyTarget.INLINE_GROUP, 5_120),
                Map.entry(PolicyTarget.RESOURCE, 0), Map.entry(PolicyTarget.BUCKET, 20_480), Map.entry(PolicyTarget.KMS_KEY, 32_768),
                Map.entry(PolicyTarget.TRUST, 2_048), Map.entry(PolicyTarget.BOUNDARY, 6_144), Map.entry(PolicyTarget.SESSION, 2_048),
                Map.entry(PolicyTarget.SCP, 5_120), Map.entry(PolicyTarget.RCP, 5_120));
    }

    @ParameterizedTest
    @EnumSource(value = PolicyTarget.class, names = "RESOURCE", mode = EnumSource.Mode.EXCLUDE)
    void aPolicyAtTheQuotaPassesAndOneCharacterMoreIsAnError(PolicyTarget target) {
        SizeLimit limit = target.sizeLimit().orElseThrow();
        assertThat(withCode(policyOfSize(limit.limit(), 0), target, LintCheck.POLICY_TOO_LARGE)).isEmpty();
        String unit = limit.unit() == SizeLimit.Unit.BYTES ? "bytes" : "characters";
        String expected = limit.unit() == SizeLimit.Unit.NON_WHITESPACE_CHARACTERS
                ? String.format(Locale.ROOT, "1:1 the policy has %,d characters without whitespace; %s may have at most %,d%s; split it"
                + " or use wildcards for groups of actions", limit.limit() + 1, limit.what(), limit.limit(), limit.note())
                : String.format(Locale.ROOT, "1:1 the policy has %,d %s even without whitespace; %s may have at most %,d%s; split it",
                limit.limit() + 1, unit, limit.what(), limit.limit(), limit.note());
        assertThat(withCode(policyOfSize(limit.limit() + 1, 0), target, LintCheck.POLICY_TOO_LARGE)).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(value = PolicyTarget.class, names = {"IDENTITY", "INLINE_USER", "INLINE_ROLE", "INLINE_GROUP", "TRUST", "BOUNDARY",
            "SESSION"})
    void iamDoesNotCountWhitespace(PolicyTarget target) {
        int limit = target.sizeLimit().orElseThrow().limit();
        String policy = policyOfSize(limit, 5_000);
        assertThat(TestingLint.lint(policy, target)).extracting(issue -> issue.code())
                .doesNotContain("policy-too-large", "policy-size-with-whitespace");
    }

    @ParameterizedTest
    @EnumSource(value = PolicyTarget.class, names = {"BUCKET", "KMS_KEY", "SCP", "RCP"})
    void s3KmsAndOrganizationsCountWhitespaceAsSent(PolicyTarget target) {
        SizeLimit limit = target.sizeLimit().orElseThrow();
        String policy = policyOfSize(limit.limit(), 10);
        String unit = limit.unit() == SizeLimit.Unit.BYTES ? "bytes" : "characters";
        int asWritten = policy.length();
        assertThat(withCode(policy, target, LintCheck.POLICY_SIZE_WITH_WHITESPACE)).containsExactly(String.format(Locale.ROOT,
                "1:1 the policy has %,d %s as written; %s may have at most %,d, and AWS counts whitespace here; send it without"
                        + " whitespace (%,d)", asWritten, unit, limit.what(), limit.limit(), limit.limit()));
        assertThat(withCode(policy, target, LintCheck.POLICY_TOO_LARGE)).isEmpty();
    }

    @Test
    void bytesAreCountedInUtf8() {
        // '€' is one character and three bytes: 7,000 of them make a 20 KB bucket policy too large, not a role's inline policy.
        String policy = "{\"Version\": \"2012-10-17\", \"Id\": \"" + "\u20ac".repeat(7_000) + "\", \"Statement\": [{\"Effect\": \"Deny\","
                + " \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]}";
        assertThat(withCode(policy, PolicyTarget.BUCKET, LintCheck.POLICY_TOO_LARGE)).hasSize(1);
        assertThat(withCode(policy, PolicyTarget.IDENTITY, LintCheck.POLICY_TOO_LARGE)).hasSize(1);
        assertThat(withCode(policy, PolicyTarget.INLINE_ROLE, LintCheck.POLICY_TOO_LARGE)).isEmpty();
    }

    @Test
    void aGenericResourcePolicyHasNoSizeCheck() {
        assertThat(withCode(policyOfSize(100_000, 0), PolicyTarget.RESOURCE, LintCheck.POLICY_TOO_LARGE)).isEmpty();
    }

    @Test
    void iamPoliciesAcceptOnlyLatin1() {
        String policy = "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::caf\u00e9/r\u00e9sum\u00e9\u2013\ud83d\ude00/*\"}]}";
        assertThat(withCode(policy, PolicyTarget.IDENTITY, LintCheck.INVALID_CHARACTER)).containsExactly(TestingLint.position(policy, "\u2013") + " Identity policy accepts"
                + " only tab, line feed, carriage return and the characters U+0020 to U+00FF; '\u2013' (U+2013) is not one (nor are 1 more"
                + " after it)");
        assertThat(withCode(policy, PolicyTarget.BUCKET, LintCheck.INVALID_CHARACTER)).isEmpty();
    }
}
