package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.addresses;
import static dev.bulwark.aws.terraform.TfHarness.render;
import static dev.bulwark.aws.terraform.TfHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources, data sources and modules: instances, addresses, references and what Terraform ignores. */
class TestTerraformResources {
    @TempDir
    Path dir;

    @Test
    void countExpandsWithZeroConditionalsAndReferencesBetweenInstances() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                variable "create" { default = true }
                variable "skip" { default = false }
                variable "later" {}
                resource "aws_s3_bucket" "none" {
                  count  = 0
                  bucket = "never"
                }
                resource "aws_s3_bucket" "maybe" {
                  count  = var.create ? 1 : 0
                  bucket = "maybe"
                }
                resource "aws_s3_bucket" "skipped" {
                  count  = var.skip ? 1 : 0
                  bucket = "skipped"
                }
                resource "aws_s3_bucket" "pair" {
                  count  = 2
                  bucket = "pair-${count.index}"
                }
                resource "aws_s3_bucket_versioning" "pair" {
                  count  = length(aws_s3_bucket.pair)
                  bucket = aws_s3_bucket.pair[count.index].bucket
                  id     = aws_s3_bucket.pair[count.index].id
                }
                resource "aws_s3_bucket" "unknown" {
                  count  = var.later ? 1 : 0
                  bucket = "u-${count.index}"
                }
                resource "test_case" "refs" {
                  none_ids   = aws_s3_bucket.none[*].id
                  none_len   = length(aws_s3_bucket.none)
                  maybe_name = one(aws_s3_bucket.maybe[*].bucket)
                  skip_name  = one(aws_s3_bucket.skipped[*].bucket)
                  try_first  = try(aws_s3_bucket.none[0].bucket, "fallback")
                  names      = aws_s3_bucket.pair[*].bucket
                  legacy     = aws_s3_bucket.pair.*.bucket
                  unknown    = aws_s3_bucket.unknown[0].bucket
                }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(addresses(result)).containsExactly("aws_s3_bucket.maybe[0]", "aws_s3_bucket.pair[0]", "aws_s3_bucket.pair[1]",
                "aws_s3_bucket_versioning.pair[0]", "aws_s3_bucket_versioning.pair[1]", "aws_s3_bucket.unknown", "test_case.refs");
        KnownMap second = resource(result, "aws_s3_bucket_versioning.pair[1]").arguments();
        assertThat(second.raw("bucket")).isEqualTo("pair-1");
        assertThat(((Unknown) second.raw("id")).reference()).contains("aws_s3_bucket.pair[1]");
        assertThat(resource(result, "aws_s3_bucket.unknown").arguments().raw("bucket")).isInstanceOf(Unknown.class);
        assertThat(render(resource(result, "test_case.refs").arguments())).isEqualTo("{\"legacy\":[\"pair-0\",\"pair-1\"],"
                + "\"maybe_name\":\"maybe\",\"names\":[\"pair-0\",\"pair-1\"],\"none_ids\":[],\"none_len\":0,"
                + "\"try_first\":\"fallback\",\"unknown\":?}");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void forEachOverMapsOfObjectsAndSetsWithEscapedAddresses() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                variable "buckets" {
                  default = {
                    logs  = { versioned = true, tags = { tier = "cold" } }
                    "a\\"b" = { versioned = false, tags = {} }
                  }
                }
                resource "aws_s3_bucket" "b" {
                  for_each = var.buckets
                  bucket   = each.key
                  tier     = lookup(each.value.tags, "tier", "hot")
                }
                resource "aws_s3_bucket_versioning" "v" {
                  for_each = { for name, cfg in var.buckets : name => cfg if cfg.versioned }
                  bucket   = aws_s3_bucket.b[each.key].bucket
                }
                resource "aws_iam_user" "u" {
                  for_each = toset(["bob", "alice", "bob"])
                  name     = each.value
                  key      = each.key
                }
                resource "aws_iam_group" "odd" {
                  for_each = toset(["x$${y}", "tab\\there", "a<b&c", "%%{z}"])
                  name     = each.value
                }
                resource "test_case" "refs" {
                  arns  = [for k, b in aws_s3_bucket.b : b.bucket]
                  keys  = keys(aws_iam_user.u)
                  quote = aws_s3_bucket.b["a\\"b"].tier
                }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(addresses(result)).containsExactly("aws_s3_bucket.b[\"a\\\"b\"]", "aws_s3_bucket.b[\"logs\"]",
                "aws_s3_bucket_versioning.v[\"logs\"]", "aws_iam_user.u[\"alice\"]", "aws_iam_user.u[\"bob\"]",
                "aws_iam_group.odd[\"%%{z}\"]", "aws_iam_group.odd[\"a<b&c\"]", "aws_iam_group.odd[\"tab\\there\"]",
                "aws_iam_group.odd[\"x$${y}\"]", "test_case.refs");
        assertThat(resource(result, "aws_s3_bucket.b[\"logs\"]").arguments().raw("tier")).isEqualTo("cold");
        assertThat(resource(result, "aws_s3_bucket_versioning.v[\"logs\"]").arguments().raw("bucket")).isEqualTo("logs");
        assertThat(resource(result, "aws_iam_user.u[\"bob\"]").key()).contains("bob");
        assertThat(resource(result, "aws_iam_user.u[\"bob\"]").arguments().raw("key")).isEqualTo("bob");
        assertThat(render(resource(result, "test_case.refs").arguments()))
                .isEqualTo("{\"arns\":[\"a\\\"b\",\"logs\"],\"keys\":[\"alice\",\"bob\"],\"quote\":\"hot\"}");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void dynamicBlocksNestAndMixWithStaticBlocksInOrder() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                variable "later" {}
                locals {
                  rules = {
                    web = { ports = [80, 443], cidrs = ["0.0.0.0/0"] }
                    ssh = { ports = [22], cidrs = ["10.0.0.0/8", "10.1.0.0/16"] }
                  }
                }
                resource "aws_wafv2_web_acl" "acl" {
                  dynamic "rule" {
                    for_each = local.rules
                    iterator = r
                    content {
                      name = r.key
                      dynamic "statement" {
                        for_each = r.value.ports
                        iterator = port
                        content {
                          port = port.value
                          dynamic "source" {
                            for_each = r.value.cidrs
                            content {
                              where = "${r.key}:${port.value}:${source.value}"
                              index = source.key
                            }
                          }
                        }
                      }
                    }
                  }
                }
                resource "aws_security_group" "mixed" {
                  ingress {
                    from_port = 1
                  }
                  dynamic "ingress" {
                    for_each = [2, 3]
                    content {
                      from_port = ingress.value
                    }
                  }
                  ingress {
                    from_port = 4
                  }
                  dynamic "egress" {
                    for_each = []
                    content {
                      to_port = 0
                    }
                  }
                }
                resource "aws_security_group" "mixed_unknown" {
                  ingress {
                    from_port = 1
                  }
                  dynamic "ingress" {
                    for_each = var.later
                    content {
                      from_port = ingress.value
                    }
                  }
                }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(render(resource(result, "aws_wafv2_web_acl.acl").arguments())).isEqualTo("{\"rule\":["
                + "{\"name\":\"ssh\",\"statement\":[{\"port\":22,\"source\":[{\"index\":0,\"where\":\"ssh:22:10.0.0.0/8\"},"
                + "{\"index\":1,\"where\":\"ssh:22:10.1.0.0/16\"}]}]},"
                + "{\"name\":\"web\",\"statement\":[{\"port\":80,\"source\":[{\"index\":0,\"where\":\"web:80:0.0.0.0/0\"}]},"
                + "{\"port\":443,\"source\":[{\"index\":0,\"where\":\"web:443:0.0.0.0/0\"}]}]}]}");
        KnownMap mixed = resource(result, "aws_security_group.mixed").arguments();
        assertThat(render(mixed)).isEqualTo("{\"egress\":[],\"ingress\":[{\"from_port\":1},{\"from_port\":2},{\"from_port\":3},{\"from_port\":4}]}");
        assertThat(resource(result, "aws_security_group.mixed_unknown").arguments().raw("ingress")).isInstanceOf(Unknown.class);
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void moduleOutputsCountsForEachAndTwoCallsOfOneModule() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                module "net" {
                  source = "./modules/net"
                  count  = 2
                  name   = "net${count.index}"
                }
                module "single" {
                  source = "./modules/net"
                  count  = 1
                  name   = "single"
                }
                module "peers" {
                  source   = "./modules/peer"
                  for_each = toset(module.net[*].name)
                  name     = each.key
                  subnets  = module.net[0].subnet_names
                }
                module "a" {
                  source = "./modules/peer"
                  name   = "first"
                }
                module "b" {
                  source = "./modules/peer"
                  name   = "second"
                }
                resource "test_case" "refs" {
                  single  = module.single[0].name
                  splat   = module.single[*].name
                  peers   = { for k, m in module.peers : k => m.label }
                  subnets = module.net[1].subnet_names
                  ids     = module.net[0].subnet_ids
                  a       = module.a.label
                  b       = module.b.label
                }
                """);
        tf.write("modules/net/main.tf", """
                variable "name" {}
                resource "aws_subnet" "s" {
                  count      = 2
                  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
                  name       = "${var.name}-${count.index}"
                }
                resource "aws_route_table" "rt" {
                  for_each = { public = 1, private = 2 }
                  name     = "${var.name}-${each.key}"
                }
                output "name" { value = var.name }
                output "subnet_names" { value = aws_subnet.s[*].name }
                output "subnet_ids" { value = aws_subnet.s[*].id }
                output "tables" { value = { for k, t in aws_route_table.rt : k => t.name } }
                """);
        tf.write("modules/peer/main.tf", """
                variable "name" {}
                variable "subnets" { default = [] }
                resource "aws_vpc_peering_connection" "p" {
                  tags = { Name = var.name, Subnets = join(",", var.subnets) }
                }
                output "label" { value = "peer-${var.name}" }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(addresses(result)).contains("module.net[0].aws_subnet.s[0]", "module.net[1].aws_subnet.s[1]",
                "module.net[0].aws_route_table.rt[\"private\"]", "module.single[0].aws_subnet.s[0]",
                "module.peers[\"net0\"].aws_vpc_peering_connection.p", "module.peers[\"net1\"].aws_vpc_peering_connection.p",
                "module.a.aws_vpc_peering_connection.p", "module.b.aws_vpc_peering_connection.p");
        assertThat(render(resource(result, "module.peers[\"net1\"].aws_vpc_peering_connection.p").arguments()))
                .isEqualTo("{\"tags\":{\"Name\":\"net1\",\"Subnets\":\"net0-0,net0-1\"}}");
        assertThat(render(resource(result, "module.b.aws_vpc_peering_connection.p").arguments()))
                .isEqualTo("{\"tags\":{\"Name\":\"second\",\"Subnets\":\"\"}}");
        KnownMap refs = resource(result, "test_case.refs").arguments();
        assertThat(render(refs)).isEqualTo("{\"a\":\"peer-first\",\"b\":\"peer-second\",\"ids\":[?,?],"
                + "\"peers\":{\"net0\":\"peer-net0\",\"net1\":\"peer-net1\"},\"single\":\"single\",\"splat\":[\"single\"],"
                + "\"subnets\":[\"net1-0\",\"net1-1\"]}");
        assertThat(((Unknown) ((dev.bulwark.core.model.KnownList) refs.raw("ids")).raw(1)).reference())
                .contains("module.net[0].aws_subnet.s[1]");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void metaArgumentsAndBlocksTerraformIgnoresAreIgnored() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                provider "aws" {
                  alias  = "west"
                  region = "us-west-2"
                }
                resource "aws_s3_bucket" "b" {
                  provider   = aws.west
                  bucket     = "b"
                  depends_on = [aws_s3_bucket.other]
                  lifecycle {
                    prevent_destroy = true
                    ignore_changes  = [tags]
                  }
                }
                resource "aws_s3_bucket" "other" { bucket = "other" }
                moved {
                  from = aws_s3_bucket.old
                  to   = aws_s3_bucket.b
                }
                import {
                  to = aws_s3_bucket.other
                  id = "other"
                }
                removed {
                  from = aws_s3_bucket.gone
                }
                check "health" {
                  data "http" "probe" {
                    url = "https://example.com"
                  }
                  assert {
                    condition     = data.http.probe.status_code == 200
                    error_message = "down"
                  }
                }
                module "m" {
                  source     = "./m"
                  providers  = { aws = aws.west }
                  depends_on = [aws_s3_bucket.b]
                }
                """);
        tf.write("m/main.tf", "resource \"aws_sqs_queue\" \"q\" { name = \"q\" }\n");
        tf.write("override.tf", "resource \"aws_s3_bucket\" \"b\" { bucket = \"overridden\" }\n");
        tf.write("extra_override.tf", "resource \"aws_s3_bucket\" \"c\" { bucket = \"c\" }\n");
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(addresses(result)).containsExactlyInAnyOrder("aws_s3_bucket.b", "aws_s3_bucket.other", "module.m.aws_sqs_queue.q");
        assertThat(render(resource(result, "aws_s3_bucket.b").arguments())).isEqualTo("{\"bucket\":\"b\"}");
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void overrideFilesTheScannerReadAreSkippedToo() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", "resource \"aws_s3_bucket\" \"b\" { bucket = \"b\" }\n");
        tf.write("override.tf", "resource \"aws_s3_bucket\" \"b\" { bucket = \"overridden\" }\n");
        SourceReader reader = new SourceReader(SourceReader.DEFAULT_MAX_BYTES);
        Map<Path, SourceFile> known = new HashMap<>();
        for (String name : List.of("main.tf", "override.tf")) {
            Path path = dir.resolve(name).toAbsolutePath().normalize();
            known.put(path, reader.read(path, name).file().orElseThrow());
        }
        DiskModuleFiles files = new DiskModuleFiles(reader, List.of(dir), known);
        TerraformEvaluator.Result result = new TerraformEvaluator(files).evaluate(dir, TerraformEvaluator.Options.defaults());
        assertThat(addresses(result)).containsExactly("aws_s3_bucket.b");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void jsonFilesMixWithNativeFiles() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("variables.tf.json", """
                {
                  "variable": {
                    "enabled": { "type": "bool", "default": "true" },
                    "names": { "type": "list(string)", "default": ["b", "a"] },
                    "pattern": { "default": "${not.a.template}" }
                  },
                  "locals": { "prefix": "app-${var.enabled ? \\"on\\" : \\"off\\"}" },
                  "resource": {
                    "aws_s3_bucket": {
                      "json": { "for_each": "${toset(var.names)}", "bucket": "${local.prefix}-${each.key}" }
                    }
                  },
                  "moved": [{ "from": "a.b", "to": "c.d" }]
                }
                """);
        tf.write("main.tf", """
                resource "aws_s3_bucket" "native" {
                  bucket  = aws_s3_bucket.json["a"].bucket
                  enabled = var.enabled
                  same    = var.names == tolist(["b", "a"])
                  pattern = var.pattern
                }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(addresses(result)).containsExactlyInAnyOrder("aws_s3_bucket.json[\"a\"]", "aws_s3_bucket.json[\"b\"]",
                "aws_s3_bucket.native");
        assertThat(render(resource(result, "aws_s3_bucket.native").arguments()))
                .isEqualTo("{\"bucket\":\"app-on-a\",\"enabled\":true,\"pattern\":\"${not.a.template}\",\"same\":true}");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void pathValuesAreRelativeAsTerraformGivesThem() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                module "m" { source = "./modules/m" }
                resource "test_case" "root" {
                  module = path.module
                  root   = path.root
                }
                """);
        tf.write("modules/m/main.tf", """
                resource "test_case" "child" {
                  module = path.module
                  policy = file("${path.module}/policy.json")
                }
                """);
        tf.write("modules/m/policy.json", "{}");
        TerraformEvaluator.Result result = tf.evaluate();
        assertThat(render(resource(result, "test_case.root").arguments())).isEqualTo("{\"module\":\".\",\"root\":\".\"}");
        assertThat(render(resource(result, "module.m.test_case.child").arguments()))
                .isEqualTo("{\"module\":\"modules/m\",\"policy\":\"{}\"}");
        assertThat(Files.exists(dir.resolve("modules/m/policy.json"))).isTrue();
    }
}
