package dev.bulwark.aws.terraform;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared helpers of the table-driven Terraform tests: writes real {@code .tf} files into a
 * folder, evaluates them with {@link TerraformEvaluator} over {@link DiskModuleFiles}, and renders
 * model values as compact text ({@code ?} for an unknown) so a table can state expectations.
 */
final class TfHarness {
    /** One row of a table: an expression and the rendering of its value. {@code ERROR} expects a diagnostic. */
    record Case(String expression, String expected) {}

    static Case row(String expression, String expected) {
        return new Case(expression, expected);
    }

    private final Path dir;

    TfHarness(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    TerraformEvaluator.Result evaluate() {
        return evaluate(TerraformEvaluator.Options.defaults());
    }

    TerraformEvaluator.Result evaluate(TerraformEvaluator.Options options) {
        DiskModuleFiles files = new DiskModuleFiles(new SourceReader(SourceReader.DEFAULT_MAX_BYTES), List.of(dir), Map.of());
        return new TerraformEvaluator(files).evaluate(dir, options);
    }

    static TerraformEvaluator.ResourceInstance resource(TerraformEvaluator.Result result, String address) {
        return result.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in " + addresses(result)));
    }

    static List<String> addresses(TerraformEvaluator.Result result) {
        return result.resources().stream().map(TerraformEvaluator.ResourceInstance::address).toList();
    }

    /**
     * Evaluates every case as an attribute {@code cN} of one resource, after {@code prelude} (variables,
     * locals), and fails listing every row whose rendering differs, or that reports a diagnostic it
     * does not expect.
     */
    void check(String prelude, List<Case> cases) throws IOException {
        StringBuilder main = new StringBuilder(prelude).append('\n');
        int preludeLines = (int) main.chars().filter(c -> c == '\n').count();
        List<int[]> lines = new ArrayList<>();
        main.append("resource \"test_case\" \"t\" {\n");
        int line = preludeLines + 2;
        for (int i = 0; i < cases.size(); i++) {
            String expression = cases.get(i).expression();
            int height = (int) expression.chars().filter(c -> c == '\n').count() + 1;
            lines.add(new int[] {line, line + height - 1});
            main.append("  c").append(i).append(" = ").append(expression).append('\n');
            line += height;
        }
        main.append("}\n");
        write("main.tf", main.toString());
        TerraformEvaluator.Result result = evaluate();
        KnownMap arguments = resource(result, "test_case.t").arguments();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int first = lines.get(i)[0];
            int last = lines.get(i)[1];
            List<String> messages = result.diagnostics().stream()
                    .filter(d -> d.file().endsWith("main.tf") && d.line() >= first && d.line() <= last)
                    .map(Diagnostic::message).toList();
            String actual = render(arguments.raw("c" + i));
            if (c.expected().equals("ERROR")) {
                if (messages.isEmpty() || !actual.equals("?")) {
                    failures.add(c.expression() + "\n    expected an error, got " + actual + " " + messages);
                }
            } else if (!actual.equals(c.expected()) || !messages.isEmpty()) {
                failures.add(c.expression() + "\n    expected " + c.expected() + "\n    actual   " + actual
                        + (messages.isEmpty() ? "" : " " + messages));
            }
        }
        List<String> others = result.diagnostics().stream().filter(d -> !d.file().endsWith("main.tf") || d.line() <= preludeLines)
                .map(d -> d.file() + ":" + d.line() + " " + d.message()).toList();
        if (!failures.isEmpty() || !others.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + cases.size() + " rows differ:\n  " + String.join("\n  ", failures)
                    + (others.isEmpty() ? "" : "\nother diagnostics: " + others) + "\nproblems: " + result.problems());
        }
        if (!result.problems().isEmpty()) {
            throw new AssertionError("problems: " + result.problems());
        }
    }

    /** A model value as compact JSON-like text, object keys sorted as Terraform orders them; unknowns are {@code ?}. */
    static String render(Object value) {
        StringBuilder out = new StringBuilder();
        render(value, out);
        return out.toString();
    }

    private static void render(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Unknown) {
            out.append('?');
        } else if (value instanceof String text) {
            quote(text, out);
        } else if (value instanceof EncodedJson json) {
            if (json.text().isPresent()) {
                quote(json.text().get(), out);
            } else {
                out.append("json?");
            }
        } else if (value instanceof KnownMap map) {
            out.append('{');
            boolean first = true;
            for (String key : new java.util.TreeSet<>(map.keyList())) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(key, out);
                out.append(':');
                render(map.raw(key), out);
            }
            out.append('}');
        } else if (value instanceof KnownList list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                render(list.raw(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
