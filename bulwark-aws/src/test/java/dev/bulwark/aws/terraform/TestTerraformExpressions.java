package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.render;
import static dev.bulwark.aws.terraform.TfHarness.resource;
import static dev.bulwark.aws.terraform.TfHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expression semantics as Terraform evaluates them, one table row per construct. */
class TestTerraformExpressions {
    @TempDir
    Path dir;

    private static final String PRELUDE = """
            variable "with_default" { default = "d" }
            variable "typed_list" {
              type    = list(string)
              default = []
            }
            variable "typed_map" {
              type    = map(string)
              default = {}
            }
            variable "untyped_list" { default = [] }
            variable "later" {}
            locals {
              m = { b = 2, a = 1, c = 3 }
              l = ["x", "y", "z"]
              users = {
                alice = { team = "red", admin = true }
                bob   = { team = "blue", admin = false }
                carol = { team = "red", admin = false }
              }
            }
            """;

    @Test
    void forExpressions() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("[for k, v in local.m : \"${k}=${v}\"]", "[\"a=1\",\"b=2\",\"c=3\"]"),
                row("[for i, v in local.l : \"${i}:${v}\"]", "[\"0:x\",\"1:y\",\"2:z\"]"),
                row("[for v in local.m : v]", "[1,2,3]"),
                row("{ for k, v in local.users : v.team => k... }", "{\"blue\":[\"bob\"],\"red\":[\"alice\",\"carol\"]}"),
                row("{ for k, v in local.users : k => v.team if v.admin }", "{\"alice\":\"red\"}"),
                row("[for k, v in local.users : k if !v.admin]", "[\"bob\",\"carol\"]"),
                row("{ for i, v in local.l : v => i }", "{\"x\":0,\"y\":1,\"z\":2}"),
                row("[for s in toset([\"b\", \"a\", \"b\"]) : s]", "[\"a\",\"b\"]"),
                row("[for k, v in toset([\"b\", \"a\"]) : \"${k}/${v}\"]", "[\"a/a\",\"b/b\"]"),
                row("{ for k, v in local.users : k => v if v.team == \"nobody\" }", "{}"),
                row("[for v in var.later : v]", "?"),
                row("length([for v in local.l : var.later])", "3"),
                row("[for v in local.l : v if v == var.later]", "?"),
                row("{ for v in local.l : v => 1... }", "{\"x\":[1],\"y\":[1],\"z\":[1]}"),
                row("{ for v in [\"a\", \"a\"] : v => 1 }", "ERROR")));
    }

    @Test
    void conditionalsAndNulls() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("true ? null : \"x\"", "null"),
                row("false ? null : \"x\"", "\"x\""),
                row("var.with_default == null ? \"none\" : var.with_default", "\"d\""),
                row("var.later ? \"a\" : \"a\"", "\"a\""),
                row("var.later ? \"a\" : \"b\"", "?"),
                row("var.later != null ? var.later : \"fallback\"", "?"),
                row("coalesce(null, \"\", \"c\")", "\"c\""),
                row("true ? 1 : 2", "1")));
    }

    @Test
    void comparisonsAndArithmetic() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("\"a\" == \"a\"", "true"),
                row("\"1\" == 1", "false"),
                row("1 == 1.0", "true"),
                row("true == \"true\"", "false"),
                row("\"abc\" != \"abd\"", "true"),
                row("local.l == [\"x\", \"y\", \"z\"]", "true"),
                row("[] == []", "true"),
                row("{} == {}", "true"),
                row("{ a = 1 } == { a = 1 }", "true"),
                row("var.untyped_list == []", "true"),
                row("var.typed_list == []", "false"),
                row("tolist([\"a\"]) == [\"a\"]", "false"),
                row("tolist([\"a\"]) == tolist([\"a\"])", "true"),
                row("toset([\"a\"]) == toset([\"a\"])", "true"),
                row("var.typed_map == {}", "false"),
                row("length(var.typed_list) == 0", "true"),
                row("null == null", "true"),
                row("var.with_default == null", "false"),
                row("5 / 2", "2.5"),
                row("10 / 4 * 2", "5"),
                row("1 / 3 * 3 == 1", "true"),
                row("!true || false && true", "false"),
                row("\"5\" + 1", "6"),
                row("2 < 10", "true"),
                row("\"10\" > 9", "true"),
                row("-(3)", "-3"),
                row("\"${true}\"", "true"),
                row("\"=${true}\"", "\"=true\"")));
    }

    @Test
    void moduleVariablesNullDefaultsAndOptionalAttributes() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                module "m" {
                  source       = "./mod"
                  nullable_var = null
                  strict_var   = null
                  cfg = {
                    name  = "n"
                    rules = [{ port = "22" }, { port = 443, cidr = "0.0.0.0/0" }]
                  }
                  named = { web = { port = 80 } }
                }
                """);
        tf.write("mod/main.tf", """
                variable "nullable_var" { default = "d1" }
                variable "strict_var" {
                  default  = "d2"
                  nullable = false
                }
                variable "unset_var" { default = "d3" }
                variable "cfg" {
                  type = object({
                    name = string
                    logging = optional(object({
                      enabled = optional(bool, true)
                      bucket  = optional(string)
                    }), {})
                    rules = optional(list(object({
                      port = number
                      cidr = optional(string, "10.0.0.0/8")
                    })), [])
                    tags = optional(map(string), { owner = "me" })
                  })
                }
                variable "named" {
                  type = map(object({
                    port     = number
                    protocol = optional(string, "tcp")
                  }))
                }
                resource "test_case" "t" {
                  nullable = var.nullable_var
                  strict   = var.strict_var
                  unset    = var.unset_var
                  cfg      = var.cfg
                  named    = var.named
                }
                """);
        TerraformEvaluator.Result result = tf.evaluate();
        KnownMap arguments = resource(result, "module.m.test_case.t").arguments();
        assertThat(arguments.raw("nullable")).isNull();
        assertThat(arguments.raw("strict")).isEqualTo("d2");
        assertThat(arguments.raw("unset")).isEqualTo("d3");
        assertThat(render(arguments.raw("cfg"))).isEqualTo("{\"logging\":{\"enabled\":true},\"name\":\"n\","
                + "\"rules\":[{\"cidr\":\"10.0.0.0/8\",\"port\":22},{\"cidr\":\"0.0.0.0/0\",\"port\":443}],\"tags\":{\"owner\":\"me\"}}");
        assertThat(render(arguments.raw("named"))).isEqualTo("{\"web\":{\"port\":80,\"protocol\":\"tcp\"}}");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void variableValuesConvertToTheirTypes() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", """
                variable "flag" { type = bool }
                variable "count_of" { type = number }
                variable "ports" { type = list(number) }
                variable "names" { type = list(string) }
                variable "unique" { type = set(string) }
                variable "cli_ports" { type = list(number) }
                variable "cli_flag" { type = bool }
                variable "cli_text" {}
                variable "tags" { type = map(string) }
                resource "test_case" "t" {
                  flag      = var.flag
                  negated   = !var.flag
                  count_of  = var.count_of + 1
                  ports     = var.ports
                  names     = var.names
                  unique    = var.unique
                  cli_ports = var.cli_ports
                  cli_flag  = var.cli_flag
                  cli_text  = var.cli_text
                  tags      = var.tags
                }
                """);
        tf.write("terraform.tfvars", """
                flag     = "true"
                count_of = "41"
                ports    = ["80", 443]
                names    = [1, true, "x"]
                unique   = ["b", "a", "b"]
                tags     = { n = 1, b = false }
                """);
        TerraformEvaluator.Result result = tf.evaluate(new TerraformEvaluator.Options(List.of(
                new TerraformEvaluator.CliVariable("cli_ports", "[8080, \"9090\"]"),
                new TerraformEvaluator.CliVariable("cli_flag", "false"),
                new TerraformEvaluator.CliVariable("cli_text", "[not, a list]")), List.of()));
        KnownMap arguments = resource(result, "test_case.t").arguments();
        assertThat(render(arguments)).isEqualTo("{\"cli_flag\":false,\"cli_ports\":[8080,9090],\"cli_text\":\"[not, a list]\","
                + "\"count_of\":42,\"flag\":true,\"names\":[\"1\",\"true\",\"x\"],\"negated\":false,\"ports\":[80,443],"
                + "\"tags\":{\"b\":\"false\",\"n\":\"1\"},\"unique\":[\"a\",\"b\"]}");
        assertThat(result.diagnostics()).isEmpty();
    }
}
