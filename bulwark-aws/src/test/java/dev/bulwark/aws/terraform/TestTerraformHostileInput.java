package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.model.Unknown;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations written to exhaust a scanner: each must end quickly, with the value unknown and
 * a diagnostic (or a parse problem) at the line that caused it, never a hang or a thrown error.
 */
class TestTerraformHostileInput {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private TerraformEvaluator.Result evaluate(String main) throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", main);
        return assertTimeoutPreemptively(LIMIT, () -> tf.evaluate());
    }

    private static void assertDiagnosedAt(TerraformEvaluator.Result result, int line, String fragment) {
        assertThat(result.diagnostics()).as("diagnostics").anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.message()).contains(fragment);
        });
    }

    @Test
    void deepNestingIsAParseProblemAtItsLine() throws IOException {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        String brackets = "[".repeat(50_000) + "]".repeat(50_000);
        String blocks = "a {\n".repeat(5_000) + "}\n".repeat(5_000);
        TfHarness tf = new TfHarness(dir);
        tf.write("a.tf", "locals {\n  x = " + deep + "\n}\n");
        tf.write("b.tf", "\nlocals {\n  y = " + brackets + "\n}\n");
        tf.write("c.tf", "resource \"x_y\" \"z\" {\n" + blocks + "}\n");
        tf.write("d.tf", "locals {\n  t = \"" + "${\"".repeat(5_000) + "x" + "\"}".repeat(5_000) + "\"\n}\n");
        tf.write("e.tf", "locals {\n  u = " + "!".repeat(50_000) + "true\n  v = " + "-".repeat(50_000) + "1\n}\n");
        tf.write("main.tf", "resource \"test_case\" \"t\" { ok = 1 }\n");
        TerraformEvaluator.Result result = assertTimeoutPreemptively(LIMIT, () -> tf.evaluate());
        assertThat(result.problems()).hasSize(5).allSatisfy(p -> assertThat(p.message()).contains("nesting deeper"));
        assertThat(result.problems()).extracting(p -> p.file().substring(p.file().lastIndexOf('/') + 1) + ":" + p.line())
                .containsExactlyInAnyOrder("a.tf:2", "b.tf:3", "c.tf:200", "d.tf:2", "e.tf:2");
        assertThat(resource(result, "test_case.t").arguments().raw("ok")).isEqualTo(1L);
    }

    @Test
    void longOperatorChainsAreBounded() throws IOException {
        TerraformEvaluator.Result result = evaluate("resource \"test_case\" \"t\" {\n  sum = " + "1 + ".repeat(100_000)
                + "1\n  cat = " + "\"a\" == ".repeat(50_000) + "\"a\"\n}\n");
        assertThat(resource(result, "test_case.t").arguments().raw("sum")).isInstanceOf(Unknown.class);
        assertDiagnosedAt(result, 2, "nested too deeply");
    }

    @Test
    void hugeRangesAndNestedLoopsStopWithADiagnostic() throws IOException {
        TerraformEvaluator.Result result = evaluate("""
                locals {
                  big    = range(1000000000)
                  square = [for i in range(100000) : [for j in range(100000) : j]]
                  cube   = length(flatten([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]]))
                }
                resource "test_case" "t" {
                  big    = local.big
                  square = local.square
                  cube   = local.cube
                  after  = "still evaluated"
                }
                """);
        assertThat(resource(result, "test_case.t").arguments().raw("big")).isInstanceOf(Unknown.class);
        assertThat(resource(result, "test_case.t").arguments().raw("square")).isInstanceOf(Unknown.class);
        assertThat(resource(result, "test_case.t").arguments().raw("cube")).isInstanceOf(Unknown.class);
        assertDiagnosedAt(result, 2, "100000 elements");
        assertThat(result.diagnostics()).anySatisfy(d -> assertThat(d.line()).isBetween(3, 4));
    }

    @Test
    void exponentialStringsAreCutOff() throws IOException {
        StringBuilder locals = new StringBuilder("locals {\n  s0 = \"0123456789abcdef\"\n");
        for (int i = 1; i <= 40; i++) {
            String previous = "local.s" + (i - 1);
            locals.append("  s").append(i).append(" = ").append(switch (i % 3) {
                case 0 -> "join(\"\", [" + previous + ", " + previous + "])";
                case 1 -> "format(\"%s%s\", " + previous + ", " + previous + ")";
                default -> "\"${" + previous + "}${" + previous + "}\"";
            }).append('\n');
        }
        locals.append("}\nresource \"test_case\" \"t\" {\n  s = local.s40\n  n = length(local.s40)\n}\n");
        TerraformEvaluator.Result result = evaluate(locals.toString());
        assertThat(resource(result, "test_case.t").arguments().raw("s")).isInstanceOf(Unknown.class);
        assertThat(result.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("too long"));
    }

    @Test
    void sharedValuesDoNotExplode() throws IOException {
        // l60 holds 2^60 leaves when written out, but only 61 distinct lists.
        StringBuilder locals = new StringBuilder("variable \"later\" {}\nlocals {\n  l0 = [\"x\", var.later]\n");
        for (int i = 1; i <= 60; i++) {
            locals.append("  l").append(i).append(" = [local.l").append(i - 1).append(", local.l").append(i - 1).append("]\n");
        }
        locals.append("""
                  m0 = { a = "x" }
                }
                resource "test_case" "t" {
                  whole    = local.l60
                  same     = local.l60 == local.l60
                  encoded  = jsonencode(local.l60)
                  flat     = length(flatten(local.l60))
                  has      = contains(local.l60, "y")
                  distinct = length(distinct(local.l60))
                  set      = length(toset(local.l60))
                  text     = "${local.l60[0][1][0][1][0][1]}"
                }
                """);
        TerraformEvaluator.Result result = evaluate(locals.toString());
        assertThat(result.resources()).hasSize(1);
    }

    @Test
    void unknownConditionalsNestedDeeplyDoNotEvaluateBothBranchesExponentially() throws IOException {
        String nested = "var.later ? ".repeat(60) + "1" + " : 2".repeat(60);
        String wide = "var.later ? (" + "var.later ? ".repeat(40) + "\"a\"" + " : \"b\"".repeat(40) + ") : \"c\"";
        TerraformEvaluator.Result result = evaluate("variable \"later\" {}\nresource \"test_case\" \"t\" {\n  a = " + nested
                + "\n  b = " + wide + "\n}\n");
        assertThat(resource(result, "test_case.t").arguments().raw("a")).isInstanceOf(Unknown.class);
        assertThat(resource(result, "test_case.t").arguments().raw("b")).isInstanceOf(Unknown.class);
    }

    @Test
    void longReferenceChainsAndCyclesAreDiagnosed() throws IOException {
        StringBuilder locals = new StringBuilder("locals {\n  c0 = 0\n");
        for (int i = 1; i <= 2_000; i++) {
            locals.append("  c").append(i).append(" = local.c").append(i - 1).append(" + 1\n");
        }
        locals.append("}\nresource \"test_case\" \"t\" {\n  v = local.c2000\n  w = local.c100\n}\n");
        TerraformEvaluator.Result result = evaluate(locals.toString());
        assertThat(resource(result, "test_case.t").arguments().raw("v")).isInstanceOf(Unknown.class);
        assertThat(resource(result, "test_case.t").arguments().raw("w")).isEqualTo(100L);
        assertThat(result.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("nested deeper"));
    }

    @Test
    void aStackOverflowNeverEscapesEvaluation() throws Exception {
        // Each local is a deep expression and references the previous one: on a small stack this
        // overflows long before any limit is reached.
        StringBuilder locals = new StringBuilder("locals {\n  c0 = 0\n");
        for (int i = 1; i <= 250; i++) {
            locals.append("  c").append(i).append(" = ").append("(".repeat(150)).append("local.c").append(i - 1)
                    .append(" + 1").append(")".repeat(150)).append('\n');
        }
        locals.append("}\nresource \"test_case\" \"t\" {\n  v = local.c250\n}\nresource \"test_case\" \"u\" {\n  w = 1\n}\n");
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", locals.toString());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(tf.evaluate());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join(LIMIT.toMillis());
        assertThat(outcome.get()).isInstanceOf(TerraformEvaluator.Result.class);
        TerraformEvaluator.Result result = (TerraformEvaluator.Result) outcome.get();
        if (result.resources().isEmpty()) {
            // A slow, not yet compiled parser has bigger frames: then the file itself is too deep to
            // parse on this stack, which is a located problem of that file, not an escape.
            assertThat(result.problems()).anySatisfy(problem -> {
                assertThat(problem.file()).endsWith("main.tf");
                assertThat(problem.message()).contains("nesting too deep");
            });
            return;
        }
        assertThat(resource(result, "test_case.u").arguments().raw("w")).isEqualTo(1L);
        // On this stack the chain overflows (at about the 230th local with HotSpot); where it does
        // not, the value is simply known.
        Object v = resource(result, "test_case.t").arguments().raw("v");
        if (v instanceof Long number) {
            assertThat(number).isEqualTo(250L);
            return;
        }
        assertThat(v).isInstanceOf(Unknown.class);
        assertThat(result.diagnostics()).anySatisfy(d -> {
            assertThat(d.line()).isPositive();
            assertThat(d.message()).contains("nested too deeply");
        });
    }
}
