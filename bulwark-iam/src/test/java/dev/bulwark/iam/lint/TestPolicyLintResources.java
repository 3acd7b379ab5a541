package dev.bulwark.iam.lint;

import static dev.bulwark.iam.lint.TestingLint.codes;
import static dev.bulwark.iam.lint.TestingLint.lint;
import static dev.bulwark.iam.lint.TestingLint.position;
import static dev.bulwark.iam.lint.TestingLint.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.policy.PolicyIssue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Resource ARNs: their segments, and whether they fit the resource types of the statement's actions. */
class TestPolicyLintResources {
    private static final String OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    private static final String BUCKET_OR_ACCESS_POINT = "bucket (arn:${Partition}:s3:::${BucketName}) and accesspoint"
            + " (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName})";
    private static final String ACCESS_POINT_OBJECT = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}";

    private static String policy(String actions, String resources) {
        return statement("\"Effect\": \"Allow\", \"Action\": " + actions + ", \"Resource\": " + resources);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("\"s3:GetObject\"", "arn:awss:s3:::reports/*", LintCheck.INVALID_PARTITION,
                        "'awss' in 'arn:awss:s3:::reports/*' is not an AWS partition; did you mean 'aws'? write aws, aws-cn (China),"
                                + " aws-us-gov (GovCloud US) or another AWS partition"),
                Arguments.of("\"s3:GetObject\"", "arn:aws:s4:::reports/*", LintCheck.UNKNOWN_ARN_SERVICE,
                        "no AWS resource has ARNs with the service 's4' (in 'arn:aws:s4:::reports/*'); did you mean 's3'?"),
                Arguments.of("\"iam:PassRole\"", "arn:aws:iam:us-east-1:111122223333:role/app", LintCheck.REGION_NOT_ALLOWED,
                        "iam ARNs have no region, so 'arn:aws:iam:us-east-1:111122223333:role/app' names nothing;"
                                + " write 'arn:aws:iam::111122223333:role/app'"),
                Arguments.of("\"iam:PassRole\"", "arn:aws:iam::12345:role/app", LintCheck.INVALID_ACCOUNT,
                        "'12345' in 'arn:aws:iam::12345:role/app' is not an account id: write the 12 digits of the account"
                                + " (e.g. 111122223333), '*', or leave it empty where the service's ARNs have none"),
                Arguments.of("\"s3:GetObject\"", "arn:aws:s3:::reports", LintCheck.RESOURCE_MISMATCH,
                        "'arn:aws:s3:::reports' fits no resource type of s3:GetObject, which acts on object (" + OBJECT
                                + ") and accesspointobject (" + ACCESS_POINT_OBJECT + "); write 'arn:aws:s3:::reports/*' for the"
                                + " resources inside it"),
                Arguments.of("\"s3:ListBucket\"", "arn:aws:s3:::reports/*", LintCheck.RESOURCE_MISMATCH,
                        "'arn:aws:s3:::reports/*' fits no resource type of s3:ListBucket, which acts on "
                                + BUCKET_OR_ACCESS_POINT + "; write 'arn:aws:s3:::reports' for the container itself"),
                Arguments.of("\"s3:GetObject\"", "arn:aws:s3:us-east-1::reports/*", LintCheck.RESOURCE_MISMATCH,
                        "'arn:aws:s3:us-east-1::reports/*' fits no resource type of s3:GetObject, which acts on object (" + OBJECT
                                + ") and accesspointobject (" + ACCESS_POINT_OBJECT + "); these ARNs have no region: write"
                                + " 'arn:aws:s3:::reports/*'"),
                Arguments.of("\"s3:ListAllMyBuckets\"", "arn:aws:s3:::reports", LintCheck.RESOURCE_MISMATCH,
                        "'arn:aws:s3:::reports' cannot be granted with s3:ListAllMyBuckets, which acts on no specific resource;"
                                + " write \"Resource\": \"*\""),
                Arguments.of("\"ec2:DescribeInstances\"", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", LintCheck.RESOURCE_MISMATCH,
                        "'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' cannot be granted with ec2:DescribeInstances, which"
                                + " acts on no specific resource; write \"Resource\": \"*\""),
                Arguments.of("[\"s3:GetObject\", \"s3:PutObject\"]", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                        LintCheck.RESOURCE_MISMATCH, "'arn:aws:dynamodb:us-east-1:111122223333:table/orders' fits no resource type of"
                                + " any of the listed actions, which act on object (" + OBJECT + ") and accesspointobject ("
                                + ACCESS_POINT_OBJECT + ")"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakenResourceIsReportedAtItsValue(String actions, String resource, LintCheck check, String message) {
        String policy = policy(actions, "\"" + resource + "\"");
        List<PolicyIssue> issues = lint(policy, PolicyTarget.IDENTITY);
        assertThat(issues).containsExactly(check.at(position(policy, "\"" + resource + "\""), message));
    }

    static Stream<Arguments> fitting() {
        return Stream.of(
                Arguments.of("\"s3:GetObject\"", "\"arn:aws:s3:::reports/*\""),
                Arguments.of("\"s3:GetObject\"", "\"arn:aws:s3:::*\""),
                Arguments.of("\"s3:GetObject\"", "\"arn:aws:s3:::home/${aws:username}/*\""),
                Arguments.of("\"s3:GetObject\"", "\"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*\""),
                Arguments.of("\"s3:Get*\"", "\"arn:aws:s3:::reports\""),
                Arguments.of("[\"s3:GetObject\", \"s3:ListBucket\"]", "[\"arn:aws:s3:::reports\", \"arn:aws:s3:::reports/*\"]"),
                Arguments.of("\"s3:ListAllMyBuckets\"", "\"*\""),
                Arguments.of("\"*\"", "\"arn:aws:s3:::reports\""),
                Arguments.of("\"iam:GetPolicy\"", "\"arn:aws:iam::aws:policy/ReadOnlyAccess\""),
                Arguments.of("\"iam:PassRole\"", "\"arn:aws:iam::*:role/app-*\""),
                Arguments.of("\"logs:PutLogEvents\"", "\"arn:aws:logs:us-east-1:111122223333:log-group:/app/web:log-stream:*\""),
                Arguments.of("\"dynamodb:Query\"", "\"arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*\""),
                Arguments.of("\"lambda:InvokeFunction\"", "\"arn:aws:lambda:us-east-1:111122223333:function:checkout:live\""),
                Arguments.of("\"sqs:SendMessage\"", "\"arn:aws:sqs:*:111122223333:jobs-*\""),
                Arguments.of("\"s3:GetObject\"", "\"arn:aws-cn:s3:::reports/*\""),
                Arguments.of("\"s3:GetObject\"", "\"arn:*:s3:::reports/*\""));
    }

    @ParameterizedTest
    @MethodSource("fitting")
    void resourcesThatFitTheirActionsPass(String actions, String resources) {
        assertThat(lint(policy(actions, resources), PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void withSeveralActionsAnActionNoResourceFitsIsReportedAtTheAction() {
        String policy = policy("[\"s3:GetObject\", \"s3:ListBucket\", \"s3:ListAllMyBuckets\"]", "[\"arn:aws:s3:::reports/*\"]");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).containsExactly(
                LintCheck.ACTION_RESOURCE_MISMATCH.at(position(policy, "\"s3:ListBucket\""), "'s3:ListBucket' acts on "
                        + BUCKET_OR_ACCESS_POINT + ", and none of the listed resources is one; add 'arn:aws:s3:::reports'"
                        + " to the resources"),
                LintCheck.ACTION_RESOURCE_MISMATCH.at(position(policy, "\"s3:ListAllMyBuckets\""), "'s3:ListAllMyBuckets' acts on no"
                        + " specific resource, so none of the listed resources applies to it; move it to a statement with"
                        + " \"Resource\": \"*\""));
    }

    @Test
    void aResourceFittingOneOfSeveralActionsIsNotReported() {
        String policy = policy("[\"s3:GetObject\", \"dynamodb:GetItem\"]",
                "[\"arn:aws:s3:::reports/*\", \"arn:aws:dynamodb:us-east-1:111122223333:table/orders\"]");
        assertThat(lint(policy, PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void notResourceAndNotActionAreNotFitted() {
        String notResource = statement("\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"NotResource\": \"arn:aws:s3:::reports\"");
        assertThat(lint(notResource, PolicyTarget.IDENTITY)).isEmpty();
        String notAction = statement("\"Effect\": \"Deny\", \"NotAction\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports\"");
        assertThat(lint(notAction, PolicyTarget.IDENTITY)).isEmpty();
    }

    @Test
    void arnsThePolicyParserRejectsAreNotCheckedAgain() {
        String policy = policy("\"s3:GetObject\"", "[\"arn:aws:s3\", \"bucket/key\"]");
        assertThat(codes(policy, PolicyTarget.IDENTITY)).containsExactly(
                position(policy, "\"arn:aws:s3\"") + " invalid-arn", position(policy, "\"bucket/key\"") + " invalid-arn");
    }

    @Test
    void aStatementWithAParserErrorStillHasItsValuesChecked() {
        String policy = statement("\"Effect\": \"allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"arn:awss:s3:::b/*\"");
        assertThat(codes(policy, PolicyTarget.IDENTITY)).containsExactly(
                position(policy, "\"allow\"") + " invalid-effect",
                position(policy, "\"s3:GetObjekt\"") + " unknown-action",
                position(policy, "\"arn:awss:s3:::b/*\"") + " invalid-partition");
    }
}
