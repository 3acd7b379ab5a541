package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.lint;
import static dev.bulwark.iam.lint.TestingLint.position;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.policy.PolicyIssue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Condition keys against the actions, operators against key types, set operators. */
class TestPolicyLintConditions {
    private static String policy(String effect, String action, String condition) {
        return statement("\"Effect\": \"" + effect + "\", \"Action\": \"" + action + "\", \"Resource\": \"*\", \"Condition\": {" + condition + "}");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("s3:GetObject", "\"IpAddress\": {\"aws:SorceIp\": \"10.0.0.0/8\"}", "\"aws:SorceIp\"",
                        LintCheck.UNKNOWN_CONDITION_KEY, "'aws:SorceIp' is not a condition key of AWS or of any service, so the"
                                + " condition is never met; did you mean 'aws:SourceIp'?"),
                Arguments.of("s3:GetObject", "\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1\", \"s3:nosuchkey\": \"x\"}", "\"s3:nosuchkey\"",
                        LintCheck.UNKNOWN_CONDITION_KEY, "'s3:nosuchkey' is not a condition key of AWS or of any service, so the"
                                + " condition is never met"),
                Arguments.of("s3:GetObject", "\"StringLike\": {\"s3:prefix\": \"home/*\"}", "\"s3:prefix\"",
                        LintCheck.CONDITION_KEY_NOT_APPLICABLE, "'s3:prefix' is not a condition key of s3:GetObject (it is set for"
                                + " actions such as s3:ListBucket), so requests never carry it and the condition is never met; test a"
                                + " key these actions support"),
                Arguments.of("s3:GetObject", "\"NumericLessThan\": {\"aws:PrincipalArn\": \"5\"}", "\"NumericLessThan\"",
                        LintCheck.CONDITION_TYPE_MISMATCH, "'NumericLessThan' compares numbers, but 'aws:PrincipalArn' is an ARN key,"
                                + " so the test never matches; use ArnEquals or ArnLike"),
                Arguments.of("s3:GetObject", "\"Bool\": {\"aws:SourceIp\": \"true\"}", "\"Bool\"",
                        LintCheck.CONDITION_TYPE_MISMATCH, "'Bool' compares true or false, but 'aws:SourceIp' is an IPAddress key,"
                                + " so the test never matches; use IpAddress or NotIpAddress"),
                Arguments.of("s3:GetObject", "\"IpAddress\": {\"aws:PrincipalArn\": \"10.0.0.1\"}", "\"IpAddress\"",
                        LintCheck.CONDITION_TYPE_MISMATCH, "'IpAddress' compares IP addresses, but 'aws:PrincipalArn' is an ARN key,"
                                + " so the test never matches; use ArnEquals or ArnLike"),
                Arguments.of("s3:GetObject", "\"StringEquals\": {\"aws:SecureTransport\": \"true\"}", "\"StringEquals\"",
                        LintCheck.CONDITION_TYPE_LOOSE, "'StringEquals' compares text, but 'aws:SecureTransport' is a Bool key, so its"
                                + " values are compared as text; use Bool"),
                Arguments.of("s3:GetObject", "\"NumericGreaterThan\": {\"aws:PrincipalTag/level\": \"3\"}", "\"NumericGreaterThan\"",
                        LintCheck.CONDITION_TYPE_LOOSE, "'NumericGreaterThan' compares numbers, but 'aws:PrincipalTag/level' is a String"
                                + " key, so only values that read as numbers can match; use a String operator (StringEquals, StringLike)"),
                Arguments.of("s3:GetObject", "\"ArnLike\": {\"aws:PrincipalAccount\": \"111122223333\"}", "\"ArnLike\"",
                        LintCheck.CONDITION_TYPE_LOOSE, "'ArnLike' compares ARNs, but 'aws:PrincipalAccount' is a String key, so only"
                                + " values that read as ARNs can match; use a String operator (StringEquals, StringLike)"),
                Arguments.of("s3:GetObject", "\"ForAnyValue:StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}",
                        "\"ForAnyValue:StringEquals\"", LintCheck.SET_OPERATOR_ON_SINGLE_VALUE, "'aws:PrincipalOrgID' has a single"
                                + " value, so write 'StringEquals' without 'ForAnyValue:'; AWS advises set operators only for multivalued keys"),
                Arguments.of("s3:GetObject", "\"ForAllValues:StringLikeIfExists\": {\"aws:PrincipalOrgID\": \"o-abc\"}",
                        "\"ForAllValues:StringLikeIfExists\"", LintCheck.SET_OPERATOR_ON_SINGLE_VALUE, "'aws:PrincipalOrgID' has a"
                                + " single value, so write 'StringLikeIfExists' without 'ForAllValues:' (ForAllValues: is also true when the"
                                + " request lacks the key); AWS advises set operators only for multivalued keys"),
                Arguments.of("ec2:CreateTags", "\"StringEquals\": {\"aws:TagKeys\": \"env\"}", "\"StringEquals\"",
                        LintCheck.MISSING_SET_OPERATOR, "'aws:TagKeys' holds a set of values; write 'ForAllValues:StringEquals' (every"
                                + " value must match) or 'ForAnyValue:StringEquals' (one value must match) to say which you mean"),
                Arguments.of("ec2:CreateTags", "\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}",
                        "\"ForAllValues:StringEquals\"", LintCheck.FOR_ALL_VALUES_WITHOUT_NULL, "'ForAllValues:StringEquals' is also"
                                + " true when the request has no 'aws:TagKeys' at all (every value of an empty set matches), so this Allow"
                                + " applies to such requests too; add \"Null\": {\"aws:TagKeys\": \"false\"}"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakenConditionIsReportedWhereItIsWritten(String action, String condition, String anchor, LintCheck check, String message) {
        String policy = policy("Allow", action, condition);
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(check.at(position(policy, anchor), message));
    }

    static Stream<Arguments> sound() {
        return Stream.of(
                Arguments.of("s3:GetObject", "\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}"),
                Arguments.of("s3:GetObject", "\"Bool\": {\"aws:SecureTransport\": \"true\"}"),
                Arguments.of("s3:GetObject", "\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/app-*\"}"),
                Arguments.of("s3:GetObject", "\"StringLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/app-*\"}"),
                Arguments.of("s3:GetObject", "\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": \"3600\"}"),
                Arguments.of("s3:GetObject", "\"NumericLessThan\": {\"aws:EpochTime\": \"1893456000\"}"),
                Arguments.of("s3:GetObject", "\"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-01-01T00:00:00Z\"}"),
                Arguments.of("s3:GetObject", "\"StringEquals\": {\"s3:ExistingObjectTag/team\": \"web\", \"aws:ResourceTag/env\": \"dev\"}"),
                Arguments.of("s3:GetObject", "\"Null\": {\"aws:SourceVpce\": \"true\", \"s3:prefix\": \"true\"}"),
                Arguments.of("s3:GetObject", "\"StringEquals\": {\"aws:SourceOwner\": \"111122223333\"}"),
                Arguments.of("s3:ListBucket", "\"StringLike\": {\"s3:prefix\": [\"home/${aws:username}/*\", \"\"]}"),
                Arguments.of("s3:PutObject", "\"StringEquals\": {\"s3:x-amz-server-side-encryption\": \"aws:kms\"}"),
                Arguments.of("iam:PassRole", "\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}"),
                Arguments.of("ec2:CreateTags", "\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": \"env\"}"),
                Arguments.of("ec2:CreateTags", "\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]},"
                        + " \"Null\": {\"aws:TagKeys\": \"false\"}"),
                Arguments.of("kms:Decrypt", "\"StringEquals\": {\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\","
                        + " \"kms:EncryptionContext:aws:s3:arn\": \"arn:aws:s3:::b/*\"}"),
                Arguments.of("*", "\"StringEquals\": {\"s3:prefix\": \"x\"}"));
    }

    @ParameterizedTest
    @MethodSource("sound")
    void soundConditionsPass(String action, String condition) {
        assertThat(lint(policy("Allow", action, condition), PolicyTarget.IDENTITY))
                .filteredOn(issue -> !issue.code().equals("full-admin")).isEmpty();
    }

    @Test
    void forAllValuesInADenyNeedsNoNullTest() {
        String policy = policy("Deny", "ec2:CreateTags", "\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void identityProviderClaimsAndSamlKeysAreKnownInTrustPolicies() {
        String policy = statement("\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/"
                + "token.actions.githubusercontent.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {"
                + "\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\","
                + " \"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub\": \"system:serviceaccount:app:web\"},"
                + " \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:octo/app:*\"}}");
        assertThat(lint(policy, PolicyTarget.TRUST)).isEmpty();
        String saml = statement("\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:saml-provider/okta\"},"
                + " \"Action\": \"sts:AssumeRoleWithSAML\", \"Condition\": {\"StringEquals\": {\"SAML:aud\":"
                + " \"https://signin.aws.amazon.com/saml\"}}");
        assertThat(lint(saml, PolicyTarget.TRUST)).isEmpty();
    }

    @Test
    void aKeyIsJudgedAgainstAllListedActions() {
        String policy = statement("\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\":"
                + " [\"arn:aws:s3:::b\", \"arn:aws:s3:::b/*\"], \"Condition\": {\"StringLike\": {\"s3:prefix\": \"home/*\"}}");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).extracting(PolicyIssue::code).isEmpty();
    }
}
