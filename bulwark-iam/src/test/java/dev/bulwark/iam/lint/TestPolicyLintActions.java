package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.lint;
import static dev.bulwark.iam.lint.TestingLint.position;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.policy.PolicyIssue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Action names against the catalog: unknown services and actions with suggestions, empty wildcards, case. */
class TestPolicyLintActions {
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("S3x:GetObject", LintCheck.UNKNOWN_SERVICE,
                        "no AWS service has the prefix 'S3x' (in 'S3x:GetObject'); did you mean 's3:GetObject'?"),
                Arguments.of("ec3:DescribeInstances", LintCheck.UNKNOWN_SERVICE,
                        "no AWS service has the prefix 'ec3' (in 'ec3:DescribeInstances'); did you mean 'ec2:DescribeInstances'?"),
                Arguments.of("qqqqqq:Get", LintCheck.UNKNOWN_SERVICE, "no AWS service has the prefix 'qqqqqq' (in 'qqqqqq:Get');"
                        + " see the Service Authorization Reference for the prefix of the service"),
                Arguments.of("s3:GetObjekt", LintCheck.UNKNOWN_ACTION, "s3 has no action 'GetObjekt'; did you mean 's3:GetObject'?"),
                Arguments.of("ec2:DescribeInstance", LintCheck.UNKNOWN_ACTION,
                        "ec2 has no action 'DescribeInstance'; did you mean 'ec2:DescribeInstances'?"),
                Arguments.of("s3:Frobnicate", LintCheck.UNKNOWN_ACTION,
                        "s3 has no action 'Frobnicate'; see the Service Authorization Reference for the actions of Amazon S3"),
                Arguments.of("s3:Gett*", LintCheck.ACTION_MATCHES_NOTHING,
                        "'s3:Gett*' matches no s3 action; check the spelling, or write the actions out"),
                Arguments.of("s3:getobject", LintCheck.ACTION_CASE, "write 's3:GetObject' as AWS documents it, not 's3:getobject'"
                        + " (IAM ignores the case of action names, but one spelling keeps policies searchable)"),
                Arguments.of("S3:Get*", LintCheck.ACTION_CASE, "write 's3:Get*' with the service prefix as AWS documents it, not"
                        + " 'S3:Get*' (IAM ignores the case of action names)"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakenActionIsReportedAtItsValueWithWhatToWrite(String action, LintCheck check, String message) {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": [\"s3:ListBucket\", \"" + action + "\"], \"Resource\": \"*\"");
        List<PolicyIssue> issues = lint(policy, PolicyTarget.IDENTITY);
        assertThat(issues).containsExactly(check.at(position(policy, "\"" + action + "\""), message));
        assertThat(issues.get(0).level()).isEqualTo(check.level());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3:GetObject", "s3:Get*", "s3:*Object", "*", "ec2:Describe*", "s3:?etObject",
            "iam:PassRole", "sts:AssumeRole", "execute-api:Invoke"})
    void actionsTheCatalogKnowsPass(String action) {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code)
                .doesNotContain("unknown-service", "unknown-action", "action-matches-nothing", "action-case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3 GetObject", "GetObject", "s3:Get Object"})
    void valuesThatAreNotActionsAreLeftToTheParser(String action) {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).containsExactly("invalid-action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*:Get*", "s?:GetObject", "*:*"})
    void wildcardServicePrefixesAreWarned(String action) {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"arn:aws:s3:::b/*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).contains("wildcard-service")
                .doesNotContain("invalid-action", "unknown-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NotAction", "Action"})
    void notActionListsAreCheckedToo(String element) {
        String policy = statement("\"Effect\": \"Deny\", \"" + element + "\": [\"s3:GetObjekt\"], \"Resource\": \"*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).containsExactly("unknown-action");
    }
}
