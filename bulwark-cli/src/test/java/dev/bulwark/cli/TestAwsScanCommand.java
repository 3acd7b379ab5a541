package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark scan on Terraform and CloudFormation: inputs the user passes, frameworks, formats. */
class TestAwsScanCommand {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    private static final String VARIABLE_ACL = """
            variable "acl" {
              type = string
            }
            resource "aws_s3_bucket" "site" {
              bucket = "site"
              acl    = var.acl
            }
            """;

    @Test
    void terraformVariablesDecideWhatIsKnown() throws IOException {
        write("main.tf", VARIABLE_ACL);
        CliRun unknown = CliRun.run("scan", dir.toString(), "--no-progress", "--fail-on", "never");
        assertThat(unknown.exitCode()).as(unknown.err()).isZero();
        assertThat(unknown.out()).contains("aws_s3_bucket.site").doesNotContain("BW-AWS-S3-001");

        CliRun fromFlag = CliRun.run("scan", dir.toString(), "--no-progress", "--var", "acl=public-read");
        assertThat(fromFlag.exitCode()).as(fromFlag.err()).isEqualTo(1);
        assertThat(fromFlag.out()).contains("BW-AWS-S3-001").contains("L6");

        Path varFile = write("vars/public.tfvars", "acl = \"public-read-write\"\n");
        CliRun fromFile = CliRun.run("scan", dir.resolve("main.tf").toString(), "--no-progress", "--var-file", varFile.toString());
        assertThat(fromFile.out()).contains("PublicReadWrite");

        CliRun badFlag = CliRun.run("scan", dir.toString(), "--var", "acl");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--var expects NAME=VALUE");
        CliRun missingFile = CliRun.run("scan", dir.toString(), "--var-file", dir.resolve("nope.tfvars").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("--var-file: file not found");
    }

    @Test
    void cloudFormationParametersAndJsonSyntax() throws IOException {
        write("template.json", """
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Parameters": {"Acl": {"Type": "String"}},
                 "Resources": {"Site": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": {"Ref": "Acl"}}}}}
                """);
        write("main.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"bucket\": \"x\", \"acl\": \"${var.acl}\"}}},\n"
                + " \"variable\": {\"acl\": {\"default\": \"authenticated-read\"}}}\n");
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--cfn-param", "Acl=PublicRead");
        assertThat(run.out()).as(run.err()).contains("template.json").contains("[Site]").contains("main.tf.json")
                .contains("AuthenticatedRead");
    }

    @Test
    void cisFrameworkListsManualControls() throws IOException {
        write("main.tf", VARIABLE_ACL.replace("var.acl", "\"public-read\""));
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--framework", "cis-aws-foundations", "--format", "json");
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode framework = root.path("summary").path("compliance").get(0);
        assertThat(framework.path("framework").asText()).isEqualTo("cis-aws-foundations-3.0");
        assertThat(framework.path("controls").size()).isEqualTo(62);
        assertThat(framework.path("failed").asInt()).isPositive();
        assertThat(framework.path("manual").asInt()).isPositive();
        JsonNode rootMfa = null;
        for (JsonNode control : framework.path("controls")) {
            if (control.path("control").asText().equals("1.5")) {
                rootMfa = control;
            }
        }
        assertThat(rootMfa).isNotNull();
        assertThat(rootMfa.path("status").asText()).isEqualTo("manual");
        assertThat(rootMfa.path("note").asText()).isNotEmpty();
        CliRun table = CliRun.run("scan", dir.toString(), "--no-progress", "--framework", "cis-aws-foundations");
        assertThat(table.out()).contains("Compliance: cis-aws-foundations-3.0").contains("manual").contains("2.1.4");
    }

    @Test
    void sarifPointsAtTheTerraformLine() throws IOException {
        write("main.tf", VARIABLE_ACL.replace("var.acl", "\"public-read\""));
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--format", "sarif", "--fail-on", "never");
        JsonNode result = null;
        for (JsonNode candidate : new ObjectMapper().readTree(run.out()).path("runs").get(0).path("results")) {
            if (candidate.path("ruleId").asText().equals("BW-AWS-S3-001")) {
                result = candidate;
            }
        }
        assertThat(result).as(run.out()).isNotNull();
        JsonNode region = result.path("locations").get(0).path("physicalLocation").path("region");
        assertThat(region.path("startLine").asInt()).isEqualTo(6);
    }

    @Test
    void inlineSuppressionsWorkInTerraformAndCloudFormation() throws IOException {
        write("main.tf", """
                # bulwark:ignore BW-AWS-S3-001 the marketing site is public on purpose
                resource "aws_s3_bucket" "site" {
                  bucket = "site"
                  acl    = "public-read"
                }
                resource "aws_s3_bucket" "other" {
                  bucket = "other"
                  acl    = "public-read" # bulwark:ignore BW-AWS-S3-001 until=2999-01-01 legacy, migrating
                }
                resource "aws_s3_bucket" "reported" {
                  bucket = "reported"
                  acl    = "public-read"
                }
                """);
        write("template.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  # bulwark:ignore BW-AWS-S3-001 public downloads
                  Downloads:
                    Type: AWS::S3::Bucket
                    Properties:
                      AccessControl: PublicRead
                """);
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--format", "json", "--fail-on", "never");
        JsonNode root = new ObjectMapper().readTree(run.out());
        int suppressed = 0;
        int active = 0;
        for (JsonNode finding : root.path("findings")) {
            if (!finding.path("unmapped").path("rule_id").asText().equals("BW-AWS-S3-001")) {
                continue;
            }
            String address = finding.path("resources").get(0).path("uid").asText();
            if (finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                suppressed++;
                assertThat(address).isIn("aws_s3_bucket.site", "aws_s3_bucket.other", "Downloads");
            } else {
                active++;
                assertThat(address).isEqualTo("aws_s3_bucket.reported");
            }
        }
        assertThat(suppressed).isEqualTo(3);
        assertThat(active).isEqualTo(1);
    }

    @Test
    void baselineFingerprintsSurviveMovingTerraformCode() throws IOException {
        write("main.tf", VARIABLE_ACL.replace("var.acl", "\"public-read\""));
        Path baseline = dir.resolve("baseline.json");
        CliRun first = CliRun.run("scan", dir.resolve("main.tf").toString(), "--no-progress", "--write-baseline", baseline.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        write("main.tf", "# moved down by a comment and a variable\nvariable \"unused\" {\n  default = 1\n}\n\n"
                + VARIABLE_ACL.replace("var.acl", "\"public-read\""));
        CliRun second = CliRun.run("scan", dir.resolve("main.tf").toString(), "--no-progress", "--baseline", baseline.toString());
        assertThat(second.exitCode()).as(second.out()).isZero();
    }
}
