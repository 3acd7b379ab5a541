package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.policy.PolicyIssue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Documents no one should write: huge, deep, binary. The linter answers with issues, in bounded time and memory. */
class TestPolicyLintHostile {
    private static String statements(int count, boolean distinct) {
        StringBuilder text = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [\n");
        for (int index = 0; index < count; index++) {
            if (index > 0) {
                text.append(",\n");
            }
            text.append("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:Put*\"], \"Resource\": \"arn:aws:s3:::bucket/")
                    .append(distinct ? String.valueOf(index) : "same").append("/*\"}");
        }
        return text.append("\n]}").toString();
    }

    @Test
    void tenThousandStatementsAreTooLargeAndStopThePairwiseChecks() {
        List<PolicyIssue> issues = lint(statements(10_000, true), PolicyTarget.IDENTITY);
        assertThat(issues).extracting(PolicyIssue::code).contains("policy-too-large", "analysis-limit");
        assertThat(issues).filteredOn(issue -> issue.code().equals("analysis-limit")).hasSize(1);
    }

    @Test
    void tenThousandEqualStatementsAreRedundantUpToTheBudget() {
        List<PolicyIssue> issues = lint(statements(10_000, false), PolicyTarget.IDENTITY);
        assertThat(issues).extracting(PolicyIssue::code).contains("policy-too-large", "redundant-statement");
        assertThat(issues.get(0).code()).isEqualTo("policy-too-large");
    }

    @Test
    void deepNestingIsAJsonError() {
        List<PolicyIssue> issues = lint("[".repeat(10_000) + "]".repeat(10_000), PolicyTarget.IDENTITY);
        assertThat(issues).extracting(PolicyIssue::toString).containsExactly(
                "1:1: error: the policy has 20,000 characters without whitespace; a managed policy may have at most 6,144; split it or"
                        + " use wildcards for groups of actions [policy-too-large]",
                "1:65: error: JSON nested deeper than 64 levels [invalid-json]");
        String condition = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"*\", \"Condition\": " + "{\"a\": ".repeat(100) + "1" + "}".repeat(100) + "}}";
        assertThat(lint(condition, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).containsExactly("invalid-json");
    }

    @Test
    void fiveMegabyteValuesAreOnlyTooLarge() {
        String huge = "a".repeat(5 * 1024 * 1024);
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"" + huge + "\", \"Effect\": \"Allow\", \"Action\":"
                + " [\"s3:" + huge + "\", \"s3:" + huge + "*\"], \"Resource\": [\"arn:aws:s3:::" + huge + "\", \"arn:aws:s3:::" + huge
                + "/*\"], \"Condition\": {\"StringEquals\": {\"s3:prefx\": \"" + huge + "\"}}}]}";
        List<PolicyIssue> issues = lint(policy, PolicyTarget.RESOURCE);
        assertThat(issues).extracting(PolicyIssue::code).contains("missing-principal", "unknown-condition-key")
                .doesNotContain("resource-mismatch");
        assertThat(issues).allSatisfy(issue -> assertThat(issue.message()).hasSizeLessThan(3 * huge.length() + 1_000));
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).contains("policy-too-large");
    }

    @Test
    void binaryIsInvalidJsonAndInvalidCharacters() {
        byte[] bytes = new byte[4_096];
        new Random(42).nextBytes(bytes);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace('{', '\0');
        List<PolicyIssue> issues = lint(text, PolicyTarget.IDENTITY);
        assertThat(issues).extracting(PolicyIssue::code).contains("invalid-json", "invalid-character");
        assertThat(lint("", PolicyTarget.IDENTITY)).extracting(PolicyIssue::toString)
                .containsExactly("1:1: error: empty input: expected a JSON value [invalid-json]");
    }

    @Test
    void aHugeListOfWildcardsInOneStatementStaysBounded() {
        StringBuilder actions = new StringBuilder();
        for (int index = 0; index < 5_000; index++) {
            actions.append(index == 0 ? "" : ", ").append("\"ec2:Describe").append(index % 50).append("*\"");
        }
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": [" + actions
                + ", \"ec2:*\"], \"Resource\": \"*\"}]}";
        List<PolicyIssue> issues = lint(policy, PolicyTarget.RESOURCE);
        assertThat(issues).extracting(PolicyIssue::code).contains("duplicate-action");
    }
}
