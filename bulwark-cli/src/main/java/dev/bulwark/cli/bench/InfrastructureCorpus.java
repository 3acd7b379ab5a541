package dev.bulwark.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic Terraform and CloudFormation estate: module folders of several files each
 * (buckets with split settings, security groups with dynamic rules, keys, IAM policies, log
 * groups), root stacks that call them with {@code for_each} and {@code count} and pass inputs, and
 * CloudFormation templates. Seeded, so every run scans the same corpus.
 */
public final class InfrastructureCorpus {
    private final Random random;

    public InfrastructureCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** What was written: Terraform files and module folders, roots, and CloudFormation templates. */
    public record Corpus(int terraformFiles, int modules, int roots, int templates) {}

    /**
     * @param modules module folders; {@code filesPerModule} files each; every root calls
     *     {@code modulesPerRoot} of them (each with a for_each of three keys)
     */
    public Corpus write(Path root, int modules, int filesPerModule, int modulesPerRoot, int templates) throws IOException {
        int files = 0;
        for (int m = 0; m < modules; m++) {
            Path folder = root.resolve("terraform/modules/m" + m);
            Files.createDirectories(folder);
            write(folder.resolve("variables.tf"), variables());
            write(folder.resolve("outputs.tf"), "output \"bucket\" {\n  value = aws_s3_bucket.b0.bucket\n}\n");
            files += 2;
            for (int f = 0; f < filesPerModule - 2; f++) {
                write(folder.resolve("main_" + f + ".tf"), moduleFile(m, f));
                files++;
            }
        }
        int roots = modulesPerRoot == 0 ? 0 : (modules + modulesPerRoot - 1) / modulesPerRoot;
        for (int r = 0; r < roots; r++) {
            Path folder = root.resolve("terraform/stacks/s" + r);
            Files.createDirectories(folder);
            StringBuilder main = new StringBuilder();
            for (int i = 0; i < modulesPerRoot && r * modulesPerRoot + i < modules; i++) {
                int m = r * modulesPerRoot + i;
                main.append("module \"m").append(m).append("\" {\n")
                        .append("  source   = \"../../modules/m").append(m).append("\"\n")
                        .append("  for_each = toset([\"blue\", \"green\", \"red\"])\n")
                        .append("  name     = \"s").append(r).append("-m").append(m).append("-${each.key}\"\n")
                        .append("  secure   = ").append(random.nextBoolean()).append('\n')
                        .append("  cidrs    = var.admin_cidrs\n")
                        .append("}\n\n");
            }
            write(folder.resolve("main.tf"), main.toString());
            write(folder.resolve("variables.tf"), "variable \"admin_cidrs\" {\n  type    = list(string)\n  default = [\"10.0.0.0/8\"]\n}\n");
            files += 2;
        }
        for (int t = 0; t < templates; t++) {
            Path folder = root.resolve("cloudformation/team-" + (t % 20));
            Files.createDirectories(folder);
            write(folder.resolve("stack-" + t + ".yaml"), template(t));
        }
        return new Corpus(files, modules, roots, templates);
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String variables() {
        return """
                variable "name" { type = string }
                variable "secure" {
                  type    = bool
                  default = true
                }
                variable "cidrs" { type = list(string) }
                locals {
                  tags = { Name = var.name, Module = basename(path.module) }
                  retention = var.secure ? 365 : 7
                }
                """;
    }

    private String moduleFile(int module, int file) {
        StringBuilder out = new StringBuilder();
        String b = "b" + file;
        out.append("resource \"aws_s3_bucket\" \"").append(b).append("\" {\n")
                .append("  bucket = \"${var.name}-").append(file).append("\"\n")
                .append("  tags   = local.tags\n}\n\n")
                .append("resource \"aws_s3_bucket_versioning\" \"").append(b).append("\" {\n")
                .append("  bucket = aws_s3_bucket.").append(b).append(".id\n")
                .append("  versioning_configuration {\n    status = var.secure ? \"Enabled\" : \"Suspended\"\n  }\n}\n\n")
                .append("resource \"aws_s3_bucket_public_access_block\" \"").append(b).append("\" {\n")
                .append("  bucket                  = aws_s3_bucket.").append(b).append(".id\n")
                .append("  block_public_acls       = var.secure\n  block_public_policy     = true\n")
                .append("  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n");
        switch (file % 4) {
            case 0 -> out.append("resource \"aws_security_group\" \"sg").append(file).append("\" {\n")
                    .append("  name   = \"${var.name}-sg").append(file).append("\"\n")
                    .append("  dynamic \"ingress\" {\n    for_each = concat(var.cidrs, var.secure ? [] : [\"0.0.0.0/0\"])\n")
                    .append("    content {\n      from_port   = ").append(random.nextBoolean() ? 22 : 443)
                    .append("\n      to_port     = 443\n      protocol    = \"tcp\"\n      cidr_blocks = [ingress.value]\n    }\n  }\n}\n");
            case 1 -> out.append("resource \"aws_kms_key\" \"k").append(file).append("\" {\n")
                    .append("  description         = \"key ").append(module).append('-').append(file).append("\"\n")
                    .append("  enable_key_rotation = var.secure\n}\n");
            case 2 -> out.append("resource \"aws_iam_policy\" \"p").append(file).append("\" {\n")
                    .append("  name   = \"${var.name}-p").append(file).append("\"\n")
                    .append("  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n")
                    .append("      Effect   = \"Allow\"\n      Action   = var.secure ? [\"s3:GetObject\"] : [\"s3:*\"]\n")
                    .append("      Resource = \"${aws_s3_bucket.").append(b).append(".arn}/*\"\n    }]\n  })\n}\n");
            default -> out.append("resource \"aws_cloudwatch_log_group\" \"l").append(file).append("\" {\n")
                    .append("  name              = \"/app/${var.name}/").append(file).append("\"\n")
                    .append("  retention_in_days = local.retention\n}\n");
        }
        return out.toString();
    }

    private String template(int index) {
        boolean secure = random.nextBoolean();
        return String.format(Locale.ROOT, """
                AWSTemplateFormatVersion: "2010-09-09"
                Parameters:
                  Env:
                    Type: String
                    Default: prod
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Data%1$d:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "data-%1$d-${Env}"
                      AccessControl: %2$s
                      VersioningConfiguration:
                        Status: !If [IsProd, Enabled, Suspended]
                  Key%1$d:
                    Type: AWS::KMS::Key
                    Properties:
                      EnableKeyRotation: %3$s
                  Web%1$d:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: %4$d
                          ToPort: %4$d
                          CidrIp: 0.0.0.0/0
                  Logs%1$d:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      RetentionInDays: %5$d
                """, index, secure ? "Private" : "PublicRead", secure, secure ? 443 : 22, secure ? 365 : 3);
    }
}
