package dev.bulwark.aws.model;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownMap;

/**
 * An AWS resource in the shape of its CloudFormation type, whatever it was written in.
 *
 * @param type the CloudFormation type, e.g. {@code AWS::S3::Bucket} (account-wide settings that
 *     CloudFormation cannot express use {@code Bulwark::} types, e.g. {@code Bulwark::IAM::AccountPasswordPolicy})
 * @param address unique within its stack: the Terraform address ({@code module.logs.aws_s3_bucket.this[0]})
 *     or the CloudFormation logical id
 * @param name a short name for reports
 * @param properties the {@code Properties} of the CloudFormation type, located
 * @param location where a finding about the resource as a whole points (its first line)
 * @param format {@code terraform} or {@code cloudformation}
 * @param sourceType the type as written ({@code aws_s3_bucket}, {@code AWS::Serverless::Function})
 */
public record AwsResource(String type, String address, String name, KnownMap properties, SourceLocation location,
                          String format, String sourceType) {
    public static final String TERRAFORM = "terraform";
    public static final String CLOUDFORMATION = "cloudformation";

    public AwsResource {
        requireNonNull(type, "type is null");
        requireNonNull(address, "address is null");
        requireNonNull(name, "name is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(location, "location is null");
        requireNonNull(format, "format is null");
        requireNonNull(sourceType, "sourceType is null");
    }
}
