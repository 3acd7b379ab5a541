package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources relate by reference, by literal name, and, when the target is unknown, possibly. */
class TestRelations {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> related(List<Resource> resources, String address) {
        return (List<Map<String, Object>>) TestingAws.named(resources, address).variables().get("related");
    }

    @Test
    void referencesNamesAndUnknownTargets() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                variable "other_bucket" { type = string }
                resource "aws_s3_bucket" "by_reference" { bucket = "by-reference" }
                resource "aws_s3_bucket" "by_name" { bucket = "by-name" }
                resource "aws_s3_bucket" "alone" { bucket = "alone" }
                resource "aws_s3_bucket_policy" "reference" {
                  bucket = aws_s3_bucket.by_reference.id
                  policy = "{}"
                }
                resource "aws_s3_bucket_policy" "name" {
                  bucket = aws_s3_bucket.by_name.bucket
                  policy = "{}"
                }
                """);
        List<Resource> resources = TestingAws.resources(TestingAws.group(dir, AdaptOptions.none()));
        assertThat(related(resources, "aws_s3_bucket.by_reference")).extracting(edge -> edge.get("address"))
                .containsExactly("aws_s3_bucket_policy.reference");
        assertThat(related(resources, "aws_s3_bucket.by_name")).extracting(edge -> edge.get("address"))
                .containsExactly("aws_s3_bucket_policy.name");
        assertThat(related(resources, "aws_s3_bucket.alone")).isEmpty();

        Files.writeString(dir.resolve("more.tf"), """
                resource "aws_s3_bucket_policy" "somewhere" {
                  bucket = var.other_bucket
                  policy = "{}"
                }
                """);
        resources = TestingAws.resources(TestingAws.group(dir, AdaptOptions.none()));
        List<Map<String, Object>> alone = related(resources, "aws_s3_bucket.alone");
        assertThat(alone).singleElement().satisfies(edge -> {
            assertThat(edge.get("address")).isEqualTo("aws_s3_bucket_policy.somewhere");
            assertThat(edge.get("possible")).isEqualTo(true);
            assertThat(edge.get("properties")).isInstanceOf(Unknown.class);
        });
    }

    @Test
    void aTemplateRelatesToEveryResourceItNames() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_s3_bucket" "a" {}
                resource "aws_s3_bucket" "b" {}
                resource "aws_sns_topic" "t" {
                  display_name = "${aws_s3_bucket.a.arn} and ${aws_s3_bucket.b.arn}"
                }
                """);
        List<Resource> resources = TestingAws.resources(TestingAws.group(dir, AdaptOptions.none()));
        assertThat(related(resources, "aws_s3_bucket.a")).extracting(edge -> edge.get("address")).containsExactly("aws_sns_topic.t");
        assertThat(related(resources, "aws_s3_bucket.b")).extracting(edge -> edge.get("address")).containsExactly("aws_sns_topic.t");
    }

    @Test
    void fnSubRelatesToEveryResourceItNames() {
        var result = TestingAws.template("""
                    AWSTemplateFormatVersion: "2010-09-09"
                    Resources:
                      A: {Type: AWS::S3::Bucket}
                      B: {Type: AWS::S3::Bucket}
                      T:
                        Type: AWS::SNS::Topic
                        Properties:
                          DisplayName: !Sub "${A.Arn} and ${B}"
                    """, AdaptOptions.none());
        assertThat(related(result.resources(), "A")).extracting(edge -> edge.get("address")).containsExactly("T");
        assertThat(related(result.resources(), "B")).extracting(edge -> edge.get("address")).containsExactly("T");
    }
}
