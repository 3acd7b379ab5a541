package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HCL native syntax that community modules use, evaluated end to end through {@link TerraformEvaluator}. */
class TestTerraformSyntax {
    @TempDir
    Path dir;

    private static final String PRELUDE = """
            # a comment before everything
            locals { # a comment after the brace
              k       = "dyn" // trailing
              list    = ["first", "second"] /* block */
              objs    = [{ name = "a", tags = ["t1", "t2"] }, { name = "b", tags = ["t3"] }]
              obj     = { name = "x" }
              nothing = null
              /* a block comment
                 spanning lines */
              empty = []
              groups = [
                { members = [{ name = "a" }, { name = "b" }] },
                { members = [{ name = "c" }] },
              ]
            }
            """;

    @Test
    void commentsTrailingCommasAndLayout() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("""
                        [ # after the bracket
                            "a", // after an item
                            /* before */ "b" /* after */,
                            # alone on a line
                          ]""", "[\"a\",\"b\"]"),
                row("\"a#b//c/*d*/\"", "\"a#b//c/*d*/\""),
                row("""
                        join(
                            "-",   # separator
                            [
                              "x",
                              "y",
                            ],
                          )""", "\"x-y\""),
                row("""
                        (
                            true
                            ? "yes"
                            : "no"
                          )""", "\"yes\""),
                row("""
                        upper(
                            false ?
                            "a" :
                            "b"
                          )""", "\"B\""),
                row("""
                        (1 +
                            2
                            * 3)""", "7"),
                row("[1, 2, ]", "[1,2]"),
                row("{ a = 1, b = 2, }", "{\"a\":1,\"b\":2}"),
                row("""
                        {
                            a = 1 # one
                            b = 2, /* two */
                            "c" : 3
                          }""", "{\"a\":1,\"b\":2,\"c\":3}"),
                row("{ for s in [\"a\", \"b\"] :\n    s => upper(s)\n  }", "{\"a\":\"A\",\"b\":\"B\"}"),
                row("[\n    for s in [\"a\", \"\", \"b\"] : s\n    if s != \"\"\n  ]", "[\"a\",\"b\"]")));
    }

    @Test
    void objectKeysAsExpressions() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("{ (local.k) = 1, \"quoted key\" = 2, \"${local.k}2\" = 3, plain = 4 }",
                        "{\"dyn\":1,\"dyn2\":3,\"plain\":4,\"quoted key\":2}"),
                row("{ null = 1, true = 2 }", "{\"null\":1,\"true\":2}"),
                row("{ (local.list[0]) = \"v\" }", "{\"first\":\"v\"}"),
                row("{ \"a.b\" = 1 }[\"a.b\"]", "1")));
    }

    @Test
    void legacyIndexesAndSplats() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("local.list.0", "\"first\""),
                row("local.objs.1.name", "\"b\""),
                row("local.objs[*].name", "[\"a\",\"b\"]"),
                row("local.objs.*.name", "[\"a\",\"b\"]"),
                row("local.objs[*].tags[0]", "[\"t1\",\"t3\"]"),
                row("local.objs.*.tags[0]", "[\"t1\",\"t2\"]"),
                row("local.nothing[*]", "[]"),
                row("length(local.nothing[*])", "0"),
                row("local.obj[*].name", "[\"x\"]"),
                row("local.empty[*].name", "[]"),
                row("local.groups[*].members[*].name", "[[\"a\",\"b\"],[\"c\"]]"),
                row("local.groups[*].members[0].name", "[\"a\",\"c\"]"),
                row("local.objs[*]", "[{\"name\":\"a\",\"tags\":[\"t1\",\"t2\"]},{\"name\":\"b\",\"tags\":[\"t3\"]}]")));
    }

    @Test
    void heredocsAndTemplates() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("""
                        <<-EOT
                              line1
                                ${local.k}
                              EOT""", "\"line1\\n  dyn\\n\""),
                row("""
                        <<EOT
                        a ${upper(<<-IN
                          inner ${local.k}
                          IN
                        )} b
                        EOT""", "\"a INNER DYN\\n b\\n\""),
                row("""
                        <<-EOT
                            %{~ for x in ["a", "b"] ~}
                            [${x}]
                            %{~ endfor ~}
                            done
                          EOT""", "\"[a][b]done\\n\""),
                row("\"%{ if true ~}  yes  %{~ endif }\"", "\"yes\""),
                row("\"a   %{~ if true }b%{ endif ~}   c\"", "\"abc\""),
                row("\"a   %{~ for x in [1] }${x}%{ endfor ~}   c\"", "\"a1c\""),
                row("\"a  ${~ \"x\" ~}  b\"", "\"axb\""),
                row("\"%{ if false }a%{ else }b%{ endif }\"", "\"b\""),
                row("\"%{ for k, v in { a = 1, b = 2 } }${k}=${v};%{ endfor }\"", "\"a=1;b=2;\""),
                row("\"${\"nested ${\"quotes\"}\"}\"", "\"nested quotes\""),
                row("<<EOT\n# not a comment ${local.k} // nor this\nEOT", "\"# not a comment dyn // nor this\\n\""),
                row("\"$${literal} %%{literal} \\\"q\\\" \\\\ \\t\"", "\"${literal} %{literal} \\\"q\\\" \\\\ \\t\""),
                row("<<EOT\n$${x} \\n %%{y}\nEOT", "\"${x} \\\\n %{y}\\n\""),
                row("\"$$ and %% and $x\"", "\"$$ and %% and $x\"")));
    }

    @Test
    void unicodeAndNumbers() throws IOException {
        new TfHarness(dir).check(PRELUDE, List.of(
                row("\"héllo ☃ 😀\"", "\"héllo ☃ 😀\""),
                row("\"\\u00e9\\U0001F600\"", "\"é😀\""),
                row("length(\"😀é\")", "2"),
                row("substr(\"héllo\", 1, 3)", "\"éll\""),
                row("upper(\"straße\")", "\"STRAßE\""),
                row("1.0", "1"),
                row("\"=${1.0}\"", "\"=1\""),
                row("\"${1.0}\"", "1"),
                row("\"=${1.50}\"", "\"=1.5\""),
                row("\"=${5 / 2}\"", "\"=2.5\""),
                row("\"=${4 / 2}\"", "\"=2\""),
                row("\"=${1e3}\"", "\"=1000\""),
                row("5 -1", "4"),
                row("-1 - -2", "1"),
                row("7 % 3", "1"),
                row("-7 % 3", "-1"),
                row("floor(7 / 2)", "3"),
                row("\"=${0.1 + 0.2}\"", "\"=0.3\"")));
    }
}
