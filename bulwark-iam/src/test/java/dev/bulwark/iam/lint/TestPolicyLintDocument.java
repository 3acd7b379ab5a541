package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.LINTER;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.iam.policy.PolicyKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The document as a whole: kind inference, the parser's issues, order, and the check list. */
class TestPolicyLintDocument {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"                                                      | IDENTITY",
            "\"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\" | RESOURCE",
            "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"                     | TRUST",
            "\"Principal\": {\"Federated\": \"cognito-identity.amazonaws.com\"}, \"Action\": [\"sts:TagSession\", \"STS:AssumeRoleWithWebIdentity\"] | TRUST"})
    void theKindIsInferredFromPrincipalsAndAssumeRole(String members, PolicyTarget expected) {
        PolicyLint lint = LINTER.lint(statement("\"Effect\": \"Allow\", " + members), "p.json", (PolicyTarget) null);
        assertThat(lint.target()).isEqualTo(expected);
        assertThat(lint.inferred()).isTrue();
        assertThat(lint.issues()).extracting(PolicyIssue::code).allMatch(code -> code.equals("action-case"));
    }

    @Test
    void anExplicitKindIsUsedAsGiven() {
        String trust = statement("\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"");
        PolicyLint lint = LINTER.lint(trust, "p.json", PolicyTarget.IDENTITY);
        assertThat(lint.inferred()).isFalse();
        assertThat(lint.issues()).extracting(PolicyIssue::code).containsExactly("missing-resource", "principal-not-allowed");
        assertThat(LINTER.lint(trust, "p.json", PolicyKind.IDENTITY)).isEqualTo(lint.issues());
        assertThat(LINTER.lint(trust, "p.json", (PolicyKind) null)).isEmpty();
    }

    @Test
    void theParsersIssuesComeFirstInPositionOrderWithTheLintIssues() {
        String policy = """
                {"Statement": [
                  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"},
                  {"Sid": "A", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {}}}
                ]}
                """;
        assertThat(LINTER.lint(policy, "p.json", PolicyTarget.IDENTITY).issues()).extracting(PolicyIssue::toString).containsExactly(
                "1:1: warning: no Version: AWS applies 2008-10-17, where ${...} policy variables are plain text; add \"Version\":"
                        + " \"2012-10-17\" [missing-version]",
                TestingLint.position(policy, "\"s3:GetObjekt\"") + ": error: s3 has no action 'GetObjekt'; did you mean 's3:GetObject'? [unknown-action]",
                "3:3: error: Sid 'A' is used by more than one statement; Sids must be unique within a policy [duplicate-sid]",
                TestingLint.position(policy, "{}") + ": warning: StringEquals has no condition keys [empty-condition]");
    }

    @Test
    void aCleanPolicyHasNoIssues() {
        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "ListReports", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports",
                     "Condition": {"StringLike": {"s3:prefix": ["team/${aws:PrincipalTag/team}/*"]}}},
                    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                     "Resource": "arn:aws:s3:::reports/team/${aws:PrincipalTag/team}/*"},
                    {"Sid": "DenyInsecure", "Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                  ]
                }
                """;
        assertThat(LINTER.lint(policy, "p.json", PolicyTarget.IDENTITY).issues()).isEmpty();
    }

    @Test
    void everyCheckHasAUniqueCodeFoundByName() {
        Set<String> codes = new HashSet<>();
        for (LintCheck check : LintCheck.values()) {
            assertThat(codes.add(check.code())).as(check.code()).isTrue();
            assertThat(LintCheck.byCode(check.code())).contains(check);
            assertThat(check.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(check.summary()).endsWith(".");
        }
        assertThat(LintCheck.byCode("no-such-check")).isEmpty();
    }

    @Test
    void policyTargetsAreFoundByTheirCommandLineNames() {
        for (PolicyTarget target : PolicyTarget.values()) {
            assertThat(PolicyTarget.byCliName(target.cliName().toUpperCase(java.util.Locale.ROOT))).contains(target);
            assertThat(PolicyTarget.of(target.kind()).kind()).isEqualTo(target.kind());
        }
        assertThat(PolicyTarget.cliNames()).containsExactly("identity", "inline-user", "inline-role", "inline-group", "resource",
                "bucket", "kms-key", "trust", "boundary", "session", "scp", "rcp");
        assertThat(PolicyTarget.byCliName("bucket-policy")).isEmpty();
    }
}
