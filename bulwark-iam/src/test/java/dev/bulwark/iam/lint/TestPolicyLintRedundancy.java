package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.codes;
import static dev.bulwark.iam.lint.TestingLint.lint;
import static dev.bulwark.iam.lint.TestingLint.position;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Duplicates and covered values in one list; statements another one makes redundant or cancels. */
class TestPolicyLintRedundancy {
    private static String policy(String... statements) {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + String.join(",\n    ", statements) + "\n  ]\n}\n";
    }

    @Test
    void duplicateActionsAndResourcesAreReportedAtTheRepetition() {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\", \"S3:GETOBJECT\"],"
                + " \"Resource\": [\"arn:aws:s3:::b/*\", \"arn:aws:s3:::c/*\", \"arn:aws:s3:::b/* \", \"arn:aws:s3:::c/*\"]");
        assertThat(TestingLint.withCode(policy, PolicyTarget.IDENTITY, LintCheck.DUPLICATE_ACTION)).containsExactly(
                position(policy, "\"S3:GETOBJECT\"") + " 'S3:GETOBJECT' is already listed at " + position(policy, "\"s3:GetObject\"")
                        + "; remove this one");
        String firstC = "\"arn:aws:s3:::c/*\", \"arn:aws:s3:::b/* \"";
        assertThat(TestingLint.withCode(policy, PolicyTarget.IDENTITY, LintCheck.DUPLICATE_RESOURCE)).containsExactly(
                position(policy, "\"arn:aws:s3:::c/*\"]") + " 'arn:aws:s3:::c/*' is already listed at " + position(policy, firstC)
                        + "; remove this one");
    }

    static Stream<Arguments> coveredActions() {
        return Stream.of(
                Arguments.of("[\"s3:GetObject\", \"s3:*\"]", "\"s3:GetObject\"", "'s3:GetObject' is already covered by 's3:*'"),
                Arguments.of("[\"s3:*\", \"s3:GetObject\"]", "\"s3:GetObject\"", "'s3:GetObject' is already covered by 's3:*'"),
                Arguments.of("[\"s3:GetObject*\", \"s3:Get*\"]", "\"s3:GetObject*\"", "'s3:GetObject*' is already covered by 's3:Get*'"),
                Arguments.of("[\"ec2:DescribeInstances\", \"ec2:Describe*\", \"ec2:RunInstances\"]", "\"ec2:DescribeInstances\"",
                        "'ec2:DescribeInstances' is already covered by 'ec2:Describe*'"),
                Arguments.of("[\"s3:GetObject\", \"*\"]", "\"s3:GetObject\"", "'s3:GetObject' is already covered by '*'"),
                // Equal expansions: only the later one is redundant.
                Arguments.of("[\"s3:GetObjectAc?\", \"s3:GetObjectAc*\"]", "\"s3:GetObjectAc*\"",
                        "'s3:GetObjectAc*' is already covered by 's3:GetObjectAc?'"));
    }

    @ParameterizedTest
    @MethodSource("coveredActions")
    void anActionAnotherPatternOfTheListCoversIsRedundant(String actions, String covered, String message) {
        String policy = statement("\"Effect\": \"Deny\", \"Action\": " + actions + ", \"Resource\": \"*\"");
        String coveringText = message.substring(message.indexOf("by '") + 4, message.length() - 1);
        String coveringAnchor = "\"" + coveringText + "\"" + (actions.endsWith("\"" + coveringText + "\"]") ? "]" : ",");
        assertThat(TestingLint.withCode(policy, PolicyTarget.IDENTITY, LintCheck.REDUNDANT_ACTION)).containsExactly(
                position(policy, covered + (actions.endsWith(covered + "]") ? "]" : ",")) + " " + message + " at "
                        + position(policy, coveringAnchor) + " in the same list; remove it");
    }

    @Test
    void patternsThatOnlyOverlapAreNotRedundant() {
        String policy = statement("\"Effect\": \"Deny\", \"Action\": [\"s3:Get*\", \"s3:*Object\", \"s3:Put*\", \"s3:Frob*\","
                + " \"s3:Frobnicate\"], \"Resource\": \"*\"");
        assertThat(codes(policy, PolicyTarget.IDENTITY)).allSatisfy(issue -> assertThat(issue).doesNotContain("redundant"));
    }

    @Test
    void aResourceAnotherPatternCoversIsRedundant() {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": [\"arn:aws:s3:::logs/2026/*\","
                + " \"arn:aws:s3:::logs/*\", \"arn:aws:s3:::logs-archive/*\", \"arn:aws:s3:::home/${aws:username}/*\", \"arn:aws:s3:::home/*\"]");
        assertThat(TestingLint.withCode(policy, PolicyTarget.IDENTITY, LintCheck.REDUNDANT_RESOURCE)).containsExactly(
                position(policy, "\"arn:aws:s3:::logs/2026/*\"") + " 'arn:aws:s3:::logs/2026/*' is already covered by"
                        + " 'arn:aws:s3:::logs/*' at " + position(policy, "\"arn:aws:s3:::logs/*\"") + " in the same list; remove it",
                position(policy, "\"arn:aws:s3:::home/${aws:username}/*\"") + " 'arn:aws:s3:::home/${aws:username}/*' is already"
                        + " covered by 'arn:aws:s3:::home/*' at " + position(policy, "\"arn:aws:s3:::home/*\"") + " in the same list; remove it");
    }

    @Test
    void anAllowAnUnconditionalAllowCoversIsRedundantEvenWithConditions() {
        String narrow = "{\"Sid\": \"Reports\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:GetObjectTagging\"],"
                + " \"Resource\": \"arn:aws:s3:::reports/*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}";
        String broad = "{\"Sid\": \"ReadAll\", \"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": \"arn:aws:s3:::*\"}";
        String policy = policy(narrow, broad);
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(LintCheck.REDUNDANT_STATEMENT.at(position(policy, narrow),
                "everything statement Reports allows is already allowed, without conditions, by statement ReadAll at "
                        + position(policy, broad) + "; remove this statement or merge the two"));
    }

    @Test
    void aConditionedStatementNeverCoversAnother() {
        String narrow = "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\"}";
        String broad = "{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": \"arn:aws:s3:::*\","
                + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}";
        assertThat(lint(policy(narrow, broad), PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void ofTwoEqualStatementsTheLaterIsRedundant() {
        String first = "{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"arn:aws:sqs:*:111122223333:jobs\"}";
        String second = "{\"Sid\": \"B\", \"Effect\": \"Allow\", \"Action\": \"SQS:SendMessage\", \"Resource\": \"arn:aws:sqs:*:111122223333:jobs\"}";
        String policy = policy(first, second);
        assertThat(codes(policy, PolicyTarget.IDENTITY)).containsExactly(position(policy, second) + " redundant-statement",
                position(policy, "\"SQS:SendMessage\"") + " action-case");
    }

    @Test
    void anAllowAnUnconditionalDenyCoversIsShadowed() {
        String allow = "{\"Sid\": \"ReadPrivate\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:GetObjectAcl\"],"
                + " \"Resource\": \"arn:aws:s3:::data/private/*\"}";
        String deny = "{\"Sid\": \"NoPrivate\", \"Effect\": \"Deny\", \"Action\": \"s3:Get*\", \"Resource\": \"arn:aws:s3:::data/*\"}";
        String policy = policy(allow, deny);
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(LintCheck.SHADOWED_STATEMENT.at(position(policy, allow),
                "statement ReadPrivate never grants anything: statement NoPrivate at " + position(policy, deny) + " denies all of it"
                        + " without conditions; narrow the Deny or remove this statement"));
    }

    static Stream<Arguments> notShadowed() {
        return Stream.of(
                // The Deny has a condition.
                Arguments.of("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data/*\"}",
                        "{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"Bool\":"
                                + " {\"aws:SecureTransport\": \"false\"}}}"),
                // The Allow reaches resources outside the Deny.
                Arguments.of("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data*\"}",
                        "{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data/*\"}"),
                // The Allow has actions the Deny does not name.
                Arguments.of("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": \"*\"}",
                        "{\"Effect\": \"Deny\", \"Action\": \"s3:Get*\", \"Resource\": \"*\"}"),
                // NotAction excludes what the Allow grants.
                Arguments.of("{\"Effect\": \"Allow\", \"Action\": \"iam:GetRole\", \"Resource\": \"*\"}",
                        "{\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}"),
                // A pattern against NotResource cannot be decided: not reported.
                Arguments.of("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::private/*\"}",
                        "{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"NotResource\": \"arn:aws:s3:::public/*\"}"));
    }

    @ParameterizedTest
    @MethodSource("notShadowed")
    void aDenyThatDoesNotCoverTheWholeAllowShadowsNothing(String allow, String deny) {
        assertThat(codes(policy(allow, deny), PolicyTarget.IDENTITY)).allSatisfy(issue -> assertThat(issue)
                .doesNotContain("shadowed").doesNotContain("redundant-statement"));
    }

    @Test
    void notActionAndNotResourceDeniesShadowWhatTheyDoNotExclude() {
        String allow = "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::private/report.csv\"}";
        String deny = "{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"sts:*\"], \"NotResource\": \"arn:aws:s3:::public/*\"}";
        String policy = policy(allow, deny);
        assertThat(codes(policy, PolicyTarget.IDENTITY)).containsExactly(position(policy, allow) + " shadowed-statement");
    }

    @Test
    void principalsAreComparedValueByValueWithAccountIdsAsRootArns() {
        String one = "{\"Sid\": \"One\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::b/*\"}";
        String both = "{\"Sid\": \"Both\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:root\","
                + " \"arn:aws:iam::444455556666:role/ci\"]}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}";
        String policy = policy(one, both);
        assertThat(codes(policy, PolicyTarget.BUCKET)).containsExactly(position(policy, one) + " redundant-statement");
        String other = "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::777788889999:root\"}, \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::b/*\"}";
        assertThat(codes(policy(other, both), PolicyTarget.BUCKET)).isEmpty();
    }
}
