package dev.bulwark.iam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which policy resource ARNs fit which ARN formats: a table of format, ARN and expected answer. */
class TestIamCatalogArnFit {
    private record Case(String format, String arn, boolean fits) {}

    private static final String BUCKET = "arn:${Partition}:s3:::${BucketName}";
    private static final String OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    private static final String ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    private static final String LOG_GROUP = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
    private static final String LOG_STREAM = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
    private static final String FUNCTION = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
    private static final String TABLE_INDEX = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}";
    private static final String QUEUE = "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}";
    private static final String BACKUP_FRAMEWORK = "arn:${Partition}:backup:${Region}:${Account}:framework:${FrameworkName}-${FrameworkId}";
    private static final String BRAKET_DEVICE = "arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}";

    private static final List<Case> CASES = List.of(
            new Case(BUCKET, "arn:aws:s3:::b", true),
            new Case(BUCKET, "arn:aws:s3:::b/k", false),
            new Case(BUCKET, "arn:aws:s3:::*", true),
            new Case(BUCKET, "arn:aws:s3:::my-bucket*", true),
            new Case(BUCKET, "arn:aws:s3:::my-bucket/*", false),
            new Case(BUCKET, "arn:aws:s3:::", false),
            new Case(BUCKET, "arn:aws:s3:us-east-1::b", false),
            new Case(BUCKET, "arn:aws:s3:*", true),
            new Case(BUCKET, "arn:aws:*", true),
            new Case(BUCKET, "arn:aws:s3", false),
            new Case(BUCKET, "*", true),
            new Case(OBJECT, "arn:aws:s3:::b/k", true),
            new Case(OBJECT, "arn:aws:s3:::b/dir/k:with:colons", true),
            new Case(OBJECT, "arn:aws:s3:::b/", false),
            new Case(OBJECT, "arn:aws:s3:::b", false),
            new Case(OBJECT, "arn:aws:s3:::*", true),
            new Case(OBJECT, "arn:aws:s3:::my-bucket*", true),
            new Case(OBJECT, "arn:aws:s3:::b/${aws:username}/*", true),
            new Case(OBJECT, "arn:aws:s3:::b?/k", true),
            new Case(OBJECT, "arn:aws:S3:::b/k", false),
            new Case(ROLE, "arn:aws:iam::123456789012:role/x", true),
            new Case(ROLE, "arn:aws:iam::123456789012:role/path/x", true),
            new Case(ROLE, "arn:aws:iam::123456789012:user/x", false),
            new Case(ROLE, "arn:aws:iam::123456789012:role/", false),
            new Case(ROLE, "arn:aws:iam::123456789012:ro*", true),
            new Case(ROLE, "arn:aws:iam::123456789012:*", true),
            new Case(ROLE, "arn:aws:iam:us-east-1:123456789012:role/x", false),
            new Case(LOG_GROUP, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f", true),
            new Case(LOG_GROUP, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", true),
            new Case(LOG_STREAM, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:2024/01/01/abc", true),
            new Case(LOG_STREAM, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f", false),
            new Case(LOG_STREAM, "arn:aws:logs:*:*:log-group:*:log-stream:*", true),
            new Case(FUNCTION, "arn:aws:lambda:us-east-1:123456789012:function:f", true),
            new Case(FUNCTION, "arn:aws:lambda:us-east-1:123456789012:function:f:live", true),
            new Case(FUNCTION, "arn:aws:lambda:us-east-1:123456789012:layer:l", false),
            new Case(TABLE_INDEX, "arn:aws:dynamodb:eu-west-1:123456789012:table/t/index/i", true),
            new Case(TABLE_INDEX, "arn:aws:dynamodb:eu-west-1:123456789012:table/t", false),
            new Case(TABLE_INDEX, "arn:aws:dynamodb:eu-west-1:123456789012:table/t/*", true),
            new Case(QUEUE, "arn:aws:sqs:us-east-1:123456789012:q", true),
            new Case(QUEUE, "arn:aws:sqs:us-east-1:123456789012:q/x", false),
            new Case(BACKUP_FRAMEWORK, "arn:aws:backup:us-east-1:123456789012:framework:my-framework-a1b2", true),
            new Case(BACKUP_FRAMEWORK, "arn:aws:backup:us-east-1:123456789012:framework:noid", false),
            new Case(BRAKET_DEVICE, "arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1", true),
            new Case(BRAKET_DEVICE, "arn:aws:braket:us-east-1:123456789012:device/qpu/ionq/Aria-1", true));

    @Test
    void policyArnsFitFormats() {
        for (Case example : CASES) {
            ResourceTypeInfo type = new ResourceTypeInfo("type", List.of(example.format()), List.of());
            assertThat(type.matches(example.arn())).as("%s fits %s", example.arn(), example.format()).isEqualTo(example.fits());
        }
    }

    /**
     * Fills every placeholder of every bundled ARN format with a plausible value: the resulting
     * ARN must fit its own type, or a linter would reject resources AWS accepts.
     */
    @Test
    void everyBundledFormatFitsTheArnsItDescribes() {
        List<String> misfits = new ArrayList<>();
        for (ServiceInfo service : IamCatalog.bundled().services()) {
            for (ResourceTypeInfo type : service.resourceTypes()) {
                for (String format : type.arnPatterns()) {
                    String arn = format.replace("${Partition}", "aws").replace("${Region}", "eu-west-1").replace("${Account}", "123456789012")
                            .replaceAll("\\$\\{[^}]*}", "example-1").replace("*", "any");
                    if (!type.matches(arn)) {
                        misfits.add(service.prefix() + " " + type.name() + ": " + arn);
                    }
                }
            }
        }
        assertThat(misfits).isEmpty();
    }

    @Test
    void aTypeWithSeveralFormatsFitsAnyOfThem() {
        ResourceTypeInfo stage = new ResourceTypeInfo("stage", List.of(
                "arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}",
                "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}"), List.of());
        assertThat(stage.matches("arn:aws:apigateway:us-east-1::/restapis/a1b2/stages/prod")).isTrue();
        assertThat(stage.matches("arn:aws:apigateway:us-east-1::/apis/a1b2/stages/prod")).isTrue();
        assertThat(stage.matches("arn:aws:apigateway:us-east-1::/restapis/a1b2/deployments/d")).isFalse();
    }
}
