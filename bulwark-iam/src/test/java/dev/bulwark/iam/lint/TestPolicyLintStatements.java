package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.codes;
import static dev.bulwark.iam.lint.TestingLint.lint;
import static dev.bulwark.iam.lint.TestingLint.position;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Risky statements: Not elements with Allow, NotPrincipal, grants to everyone, full admin, Sid characters. */
class TestPolicyLintStatements {
    @Test
    void allowWithNotActionOrNotResourceIsAWarningAtTheElement() {
        String policy = statement("\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"NotResource\": \"arn:aws:s3:::secrets/*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(
                LintCheck.ALLOW_NOT_ACTION.at(position(policy, "\"NotAction\""), "\"Allow\" with NotAction grants every action of every"
                        + " service except the listed ones, including actions AWS adds later; list the actions to allow in Action, or"
                        + " use NotAction only in a Deny"),
                LintCheck.ALLOW_NOT_RESOURCE.at(position(policy, "\"NotResource\""), "\"Allow\" with NotResource grants the actions on"
                        + " every resource except the listed ones, including resources created later; list the resources to allow in"
                        + " Resource"));
        String deny = statement("\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"NotResource\": \"arn:aws:s3:::secrets/*\"");
        assertThat(lint(deny, PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void notPrincipalWithAllowIsAnErrorAndDenyIsFine() {
        String policy = statement("\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"");
        assertThat(lint(policy, PolicyTarget.BUCKET)).containsExactly(LintCheck.ALLOW_NOT_PRINCIPAL.at(position(policy, "\"NotPrincipal\""),
                "AWS does not support NotPrincipal with \"Allow\" (it would grant everyone not listed); write Principal, or use"
                        + " \"Deny\" with a condition on aws:PrincipalArn"));
        String deny = statement("\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"");
        assertThat(lint(deny, PolicyTarget.BUCKET)).isEmpty();
    }

    @Test
    void notPrincipalInATrustPolicyIsAnError() {
        String policy = statement("\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
                + " \"Action\": \"sts:AssumeRole\"");
        assertThat(lint(policy, PolicyTarget.TRUST)).containsExactly(LintCheck.NOT_PRINCIPAL_IN_TRUST.at(position(policy,
                "\"NotPrincipal\""), "a role trust policy cannot use NotPrincipal; write Principal with the principals that may"
                + " assume the role"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"*\"                                                   | \"*\",",
            "{\"AWS\": \"*\"}                                          | \"*\"}",
            "{\"AWS\": [\"arn:aws:iam::111122223333:root\", \"*\"]}   | \"*\"]"})
    void anAllowForEveryoneWithoutAConditionIsPublic(String principal, String star) {
        String policy = statement("\"Effect\": \"Allow\", \"Principal\": " + principal + ", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::site/*\"");
        assertThat(lint(policy, PolicyTarget.BUCKET)).containsExactly(LintCheck.PUBLIC_PRINCIPAL.at(position(policy, star),
                "this Allow names every principal (\"*\"), anonymous callers and every AWS account included, without a condition;"
                        + " name the accounts or roles, or add a condition such as aws:PrincipalOrgID or aws:SourceAccount"));
    }

    @Test
    void aConditionOrANamedPrincipalIsNotPublic() {
        String conditioned = statement("\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\":"
                + " \"arn:aws:s3:::site/*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}");
        assertThat(lint(conditioned, PolicyTarget.BUCKET)).isEmpty();
        String named = statement("\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/web\"},"
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::site/*\"");
        assertThat(lint(named, PolicyTarget.BUCKET)).isEmpty();
        String denied = statement("\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::site/*\"");
        assertThat(lint(denied, PolicyTarget.BUCKET)).isEmpty();
    }

    @Test
    void allowOfEverythingOnEverythingIsFullAdminExceptInAnScp() {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(LintCheck.FULL_ADMIN.at(position(policy, "\"*\","),
                "\"Action\": \"*\" with \"Resource\": \"*\" allows every action on every resource (full administrator access); list"
                        + " the actions and resources the principal needs"));
        assertThat(lint(policy, PolicyTarget.SCP)).isEmpty();
        String service = statement("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"");
        assertThat(lint(service, PolicyTarget.IDENTITY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PolicyTarget.class, names = {"IDENTITY", "INLINE_ROLE", "BOUNDARY", "SESSION", "SCP"})
    void identityAndOrganizationsPoliciesTakeOnlyLettersAndDigitsInASid(PolicyTarget target) {
        String policy = statement("\"Sid\": \"read-only reports\", \"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"");
        assertThat(lint(policy, target)).containsExactly(LintCheck.INVALID_SID.at(position(policy, "\"read-only reports\""),
                "Sid 'read-only reports' has characters that " + article(target.kind().label()) + " rejects: only ASCII letters and"
                        + " digits are accepted; write 'readOnlyReports'"));
    }

    @ParameterizedTest
    @EnumSource(value = PolicyTarget.class, names = {"BUCKET", "KMS_KEY", "RESOURCE"})
    void resourcePoliciesAcceptSpacesInASid(PolicyTarget target) {
        String policy = statement("\"Sid\": \"Allow use of the key\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/app\"}, \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"");
        assertThat(codes(policy, target)).isEmpty();
    }

    @Test
    void aTrustPolicyTakesOnlyLettersAndDigitsInASid() {
        String policy = statement("\"Sid\": \"ci_role\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"},"
                + " \"Action\": \"sts:AssumeRole\"");
        assertThat(codes(policy, PolicyTarget.TRUST)).containsExactly(position(policy, "\"ci_role\"") + " invalid-sid");
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
