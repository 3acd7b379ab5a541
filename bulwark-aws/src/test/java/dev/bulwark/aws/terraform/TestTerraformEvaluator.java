package dev.bulwark.aws.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTerraformEvaluator {
    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private TerraformEvaluator.Result evaluate(TerraformEvaluator.Options options) {
        DiskModuleFiles files = new DiskModuleFiles(new SourceReader(SourceReader.DEFAULT_MAX_BYTES), List.of(dir), Map.of());
        return new TerraformEvaluator(files).evaluate(dir, options);
    }

    private TerraformEvaluator.Result evaluate() {
        return evaluate(TerraformEvaluator.Options.defaults());
    }

    private static TerraformEvaluator.ResourceInstance resource(TerraformEvaluator.Result result, String address) {
        return result.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in " + result.resources().stream()
                        .map(TerraformEvaluator.ResourceInstance::address).toList()));
    }

    @Test
    void variablesLocalsAndFunctions() throws IOException {
        write("main.tf", """
                variable "env" { default = "dev" }
                variable "retention" {
                  type    = number
                  default = 7
                }
                variable "flag" { type = bool }
                locals {
                  name    = "${var.env}-logs"
                  tags    = merge({ team = "core" }, { env = upper(var.env) })
                  subnet  = cidrsubnet("10.0.0.0/16", 8, 2)
                  joined  = join(",", [for s in ["a", "b"] : "${s}1"])
                  decoded = jsondecode("{\\"a\\": [1, 2]}").a[1]
                }
                resource "aws_s3_bucket" "b" {
                  bucket = local.name
                  tags   = local.tags
                  days   = var.retention * 2
                  subnet = local.subnet
                  joined = local.joined
                  second = local.decoded
                  flag   = var.flag
                  maybe  = var.flag ? "a" : "b"
                  same   = var.flag ? "c" : "c"
                }
                """);
        write("terraform.tfvars", "env = \"stage\"\n");
        write("b.auto.tfvars", "retention = 30\n");
        TerraformEvaluator.Result result = evaluate(new TerraformEvaluator.Options(
                List.of(new TerraformEvaluator.CliVariable("env", "prod")), List.of()));
        KnownMap arguments = resource(result, "aws_s3_bucket.b").arguments();
        assertThat(arguments.raw("bucket")).isEqualTo("prod-logs");
        assertThat(((KnownMap) arguments.raw("tags")).raw("env")).isEqualTo("PROD");
        assertThat(arguments.raw("days")).isEqualTo(60L);
        assertThat(arguments.raw("subnet")).isEqualTo("10.0.2.0/24");
        assertThat(arguments.raw("joined")).isEqualTo("a1,b1");
        assertThat(arguments.raw("second")).isEqualTo(2L);
        assertThat(arguments.raw("flag")).isInstanceOf(Unknown.class);
        assertThat(arguments.raw("maybe")).isInstanceOf(Unknown.class);
        assertThat(arguments.raw("same")).isEqualTo("c");
        assertThat(arguments.entryLocation("days").startLine()).isEqualTo(17);
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void countAndForEachExpandWithAddresses() throws IOException {
        write("main.tf", """
                variable "names" { default = ["b", "a"] }
                variable "unknown_count" {}
                resource "aws_s3_bucket" "counted" {
                  count  = 2
                  bucket = "bucket-${count.index}"
                }
                resource "aws_s3_bucket" "each" {
                  for_each = toset(var.names)
                  bucket   = "bucket-${each.key}"
                }
                resource "aws_s3_bucket" "maybe" {
                  count  = var.unknown_count
                  bucket = "maybe"
                }
                resource "aws_s3_bucket_policy" "p" {
                  bucket = aws_s3_bucket.each["a"].id
                  name   = aws_s3_bucket.counted[1].bucket
                  all    = join(",", aws_s3_bucket.counted[*].bucket)
                }
                """);
        TerraformEvaluator.Result result = evaluate();
        assertThat(result.resources()).extracting(TerraformEvaluator.ResourceInstance::address).containsExactly(
                "aws_s3_bucket.counted[0]", "aws_s3_bucket.counted[1]", "aws_s3_bucket.each[\"a\"]",
                "aws_s3_bucket.each[\"b\"]", "aws_s3_bucket.maybe", "aws_s3_bucket_policy.p");
        assertThat(resource(result, "aws_s3_bucket.each[\"b\"]").arguments().raw("bucket")).isEqualTo("bucket-b");
        KnownMap policy = resource(result, "aws_s3_bucket_policy.p").arguments();
        Unknown id = (Unknown) policy.raw("bucket");
        assertThat(id.reference()).contains("aws_s3_bucket.each[\"a\"]");
        assertThat(policy.raw("name")).isEqualTo("bucket-1");
        assertThat(policy.raw("all")).isEqualTo("bucket-0,bucket-1");
    }

    @Test
    void modulesPassInputsAndOutputs() throws IOException {
        write("main.tf", """
                module "logs" {
                  source     = "./modules/bucket"
                  for_each   = { app = true, audit = false }
                  name       = "${each.key}-logs"
                  versioning = each.value
                }
                module "copy" {
                  source = "./modules/bucket"
                  name   = module.logs["app"].name
                }
                """);
        write("modules/bucket/main.tf", """
                variable "name" { type = string }
                variable "versioning" {
                  type    = bool
                  default = true
                }
                variable "settings" {
                  type = object({
                    acl     = optional(string, "private")
                    logging = optional(bool)
                  })
                  default = {}
                }
                resource "aws_s3_bucket" "this" {
                  bucket = var.name
                  acl    = var.settings.acl
                  versioning {
                    enabled = var.versioning
                  }
                }
                output "name" { value = aws_s3_bucket.this.bucket }
                """);
        TerraformEvaluator.Result result = evaluate();
        assertThat(result.resources()).extracting(TerraformEvaluator.ResourceInstance::address).containsExactlyInAnyOrder(
                "module.logs[\"app\"].aws_s3_bucket.this", "module.logs[\"audit\"].aws_s3_bucket.this", "module.copy.aws_s3_bucket.this");
        TerraformEvaluator.ResourceInstance audit = resource(result, "module.logs[\"audit\"].aws_s3_bucket.this");
        assertThat(audit.modulePath()).isEqualTo("module.logs[\"audit\"]");
        KnownMap versioning = (KnownMap) ((KnownList) audit.arguments().raw("versioning")).raw(0);
        assertThat(versioning.raw("enabled")).isEqualTo(false);
        assertThat(audit.arguments().raw("acl")).isEqualTo("private");
        assertThat(audit.location().file()).endsWith("modules/bucket/main.tf");
        assertThat(audit.location().startLine()).isEqualTo(13);
        assertThat(resource(result, "module.copy.aws_s3_bucket.this").arguments().raw("bucket")).isEqualTo("app-logs");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void dynamicBlocksExpandAndUnknownOnesStayUnknown() throws IOException {
        write("main.tf", """
                variable "rules" {
                  default = [{ port = 22 }, { port = 443 }]
                }
                variable "later" {}
                resource "aws_security_group" "known" {
                  dynamic "ingress" {
                    for_each = var.rules
                    iterator = rule
                    content {
                      from_port   = rule.value.port
                      cidr_blocks = ["0.0.0.0/0"]
                    }
                  }
                }
                resource "aws_security_group" "unknown" {
                  dynamic "ingress" {
                    for_each = var.later
                    content {
                      from_port = ingress.value
                    }
                  }
                }
                """);
        TerraformEvaluator.Result result = evaluate();
        KnownList ingress = (KnownList) resource(result, "aws_security_group.known").arguments().raw("ingress");
        assertThat(ingress).hasSize(2);
        assertThat(((KnownMap) ingress.raw(1)).raw("from_port")).isEqualTo(443L);
        assertThat(resource(result, "aws_security_group.unknown").arguments().raw("ingress")).isInstanceOf(Unknown.class);
    }

    @Test
    void policyDocumentDataSourceIsComputed() throws IOException {
        write("main.tf", """
                data "aws_iam_policy_document" "tls" {
                  statement {
                    sid     = "DenyInsecure"
                    effect  = "Deny"
                    actions = ["s3:*"]
                    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
                    principals {
                      type        = "*"
                      identifiers = ["*"]
                    }
                    condition {
                      test     = "Bool"
                      variable = "aws:SecureTransport"
                      values   = ["false"]
                    }
                  }
                }
                resource "aws_s3_bucket" "b" { bucket = "b" }
                resource "aws_s3_bucket_policy" "p" {
                  bucket = aws_s3_bucket.b.id
                  policy = data.aws_iam_policy_document.tls.json
                }
                """);
        TerraformEvaluator.Result result = evaluate();
        Object policy = resource(result, "aws_s3_bucket_policy.p").arguments().raw("policy");
        assertThat(policy).isInstanceOf(EncodedJson.class);
        KnownMap document = (KnownMap) ((EncodedJson) policy).structure();
        KnownMap statement = (KnownMap) ((KnownList) document.raw("Statement")).raw(0);
        assertThat(statement.raw("Effect")).isEqualTo("Deny");
        assertThat(statement.raw("Principal")).isEqualTo("*");
        KnownMap condition = (KnownMap) ((KnownMap) statement.raw("Condition")).raw("Bool");
        assertThat(((KnownList) condition.raw("aws:SecureTransport")).raw(0)).isEqualTo("false");
        assertThat(((KnownList) statement.raw("Resource")).raw(0)).isInstanceOf(Unknown.class);
    }

    @Test
    void cyclesRecursionAndUndeclaredReferencesAreDiagnosed() throws IOException {
        write("main.tf", """
                locals {
                  a = local.b
                  b = local.a
                }
                resource "aws_s3_bucket" "b" {
                  bucket = local.a
                  other  = var.missing
                }
                module "self" {
                  source = "./"
                }
                """);
        TerraformEvaluator.Result result = evaluate();
        assertThat(resource(result, "aws_s3_bucket.b").arguments().raw("bucket")).isInstanceOf(Unknown.class);
        assertThat(resource(result, "aws_s3_bucket.b").arguments().raw("other")).isInstanceOf(Unknown.class);
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .anySatisfy(message -> assertThat(message).contains("reference cycle"))
                .anySatisfy(message -> assertThat(message).contains("undeclared input variable var.missing"))
                .anySatisfy(message -> assertThat(message).contains("calls its own folder"));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.line()).isPositive());
    }

    @Test
    void installedModulesAreFoundThroughModulesJson() throws IOException {
        write("main.tf", """
                module "vpc" {
                  source  = "terraform-aws-modules/vpc/aws"
                  version = "5.0.0"
                  name    = "main"
                }
                module "absent" {
                  source = "git::https://example.com/x.git"
                }
                resource "aws_flow_log" "f" {
                  vpc_id = module.vpc.vpc_id
                  other  = module.absent.id
                }
                """);
        write(".terraform/modules/modules.json", """
                {"Modules":[{"Key":"","Source":"","Dir":"."},
                 {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}
                """);
        write(".terraform/modules/vpc/main.tf", """
                variable "name" {}
                resource "aws_vpc" "this" {
                  cidr_block = "10.0.0.0/16"
                  tags       = { Name = var.name }
                }
                output "vpc_id" { value = aws_vpc.this.id }
                """);
        TerraformEvaluator.Result result = evaluate();
        assertThat(resource(result, "module.vpc.aws_vpc.this").arguments().raw("cidr_block")).isEqualTo("10.0.0.0/16");
        Unknown vpcId = (Unknown) resource(result, "aws_flow_log.f").arguments().raw("vpc_id");
        assertThat(vpcId.reference()).contains("module.vpc.aws_vpc.this");
        assertThat(resource(result, "aws_flow_log.f").arguments().raw("other")).isInstanceOf(Unknown.class);
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .anySatisfy(message -> assertThat(message).contains("terraform init"));
    }

    @Test
    void syntaxErrorsBecomeProblemsAndOtherFilesStillEvaluate() throws IOException {
        write("broken.tf", "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n}\n");
        write("good.tf", "resource \"aws_s3_bucket\" \"y\" { bucket = \"y\" }\n");
        TerraformEvaluator.Result result = evaluate();
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).line()).isEqualTo(2);
        assertThat(result.resources()).extracting(TerraformEvaluator.ResourceInstance::address).containsExactly("aws_s3_bucket.y");
        assertThat(result.resources().get(0).key()).isEqualTo(Optional.empty());
    }
}
