package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile Terraform and CloudFormation: each problem is reported where it is (a parse
 * finding or a located warning), the rest of the scan goes on, and nothing hangs or prints a
 * stack trace.
 */
class TestBadInfrastructureCode {
    private static final String PUBLIC_BUCKET = """
            resource "aws_s3_bucket" "public" {
              bucket = "public-example"
              acl    = "public-read"
            }
            """;

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private CliRun scan() {
        return CliRun.run("scan", dir.toString(), "--no-config", "--no-progress");
    }

    private static void assertGoodBucketStillReported(CliRun run) {
        assertThat(run.out()).as(run.err()).contains("BW-AWS-S3-001").contains("aws_s3_bucket.public");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void terraformSyntaxErrorIsALocatedParseFinding() throws IOException {
        write("good.tf", PUBLIC_BUCKET);
        write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl = \n}\n");
        CliRun run = scan();
        assertGoodBucketStillReported(run);
        assertThat(run.out()).contains("broken.tf").contains("BW-PARSE-001").contains("L3");
    }

    @Test
    void unresolvableReferencesCyclesAndRecursiveModulesAreLocatedWarnings() throws IOException {
        write("main.tf", PUBLIC_BUCKET + """
                locals {
                  a = local.b
                  b = local.a
                }
                resource "aws_s3_bucket" "other" {
                  bucket = local.a
                  acl    = var.not_declared
                  tags   = { owner = aws_iam_user.nobody.name }
                }
                module "loop" {
                  source = "./loop"
                }
                """);
        write("loop/main.tf", "module \"again\" {\n  source = \"../loop\"\n}\n");
        CliRun run = scan();
        assertGoodBucketStillReported(run);
        assertThat(run.err()).contains("main.tf:").contains("reference cycle: local.a -> local.b -> local.a")
                .contains("undeclared input variable var.not_declared")
                .contains("undeclared resource aws_iam_user.nobody")
                .contains("calls its own folder");
        // Its ACL comes from an undeclared variable: unknown, so never reported as public.
        assertThat(run.out().lines().filter(line -> line.contains("aws_s3_bucket.other"))).noneMatch(line -> line.contains("BW-AWS-S3-001"));
    }

    @Test
    void hostileValuesAreBounded() throws IOException {
        write("good.tf", PUBLIC_BUCKET);
        write("hostile.tf", """
                locals {
                  huge = range(1000000000)
                  deep = %s1%s
                }
                resource "aws_s3_bucket" "many" {
                  count  = 1000000000
                  bucket = "x"
                }
                """.formatted("[".repeat(150), "]".repeat(150)));
        write("nested.tf", "a = " + "(".repeat(20000) + "1" + ")".repeat(20000) + "\n");
        CliRun run = scan();
        assertGoodBucketStillReported(run);
        assertThat(run.err()).contains("count 1000000000 is out of range");
        assertThat(run.out()).contains("nested.tf").contains("BW-PARSE-001");
    }

    @Test
    void templatesThatAreNotCloudFormationAreReported() throws IOException {
        write("good.tf", PUBLIC_BUCKET);
        write("list.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  - Type: AWS::S3::Bucket\n");
        write("broken.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}\n");
        write("plain.yaml", "name: just a config file\nitems: [1, 2]\n");
        CliRun run = scan();
        assertGoodBucketStillReported(run);
        assertThat(run.out()).contains("list.yaml").contains("not a CloudFormation template");
        assertThat(run.out()).contains("broken.json").contains("BW-PARSE-001");
        assertThat(run.out()).doesNotContain("plain.yaml");
    }

    @Test
    void largeTemplateIsScannedWhole() throws IOException {
        StringBuilder template = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
        int index = 0;
        while (template.length() < 5 * 1024 * 1024) {
            template.append("  Bucket").append(index).append(":\n    Type: AWS::S3::Bucket\n    Properties:\n")
                    .append("      BucketName: bucket-").append(index).append('\n')
                    .append("      AccessControl: ").append(index % 1000 == 0 ? "PublicRead" : "Private").append('\n')
                    .append("      Tags:\n        - Key: purpose\n          Value: \"").append("x".repeat(40)).append("\"\n");
            index++;
        }
        write("big.yaml", template.toString());
        CliRun run = CliRun.run("scan", dir.toString(), "--no-config", "--no-progress", "--format", "json", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        int expected = (index + 999) / 1000;
        assertThat(run.out().split("\"BW-AWS-S3-001\"", -1).length - 1).isGreaterThanOrEqualTo(expected);
    }
}
