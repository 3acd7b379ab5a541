package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.lint.PolicyLint;
import dev.bulwark.iam.lint.PolicyLinter;
import dev.bulwark.iam.lint.PolicyTarget;
import dev.bulwark.iam.policy.PolicyIssue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Check AWS IAM policy documents: grammar, actions, resources and condition keys against the AWS action catalog,"
                + " risky grants, redundant and shadowed statements, and the size quota of the policy type.",
                "Issues are printed as FILE:LINE:COLUMN: error|warning: MESSAGE [CODE]; bulwark-iam/LINT.md describes every code."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no issue at or above --fail-on", "1:issues at or above --fail-on",
                "2:usage error, or a file could not be read (the other files are still checked)"})
final class IamLintCommand implements Callable<Integer> {
    /** Policies are kilobytes; this only keeps a mistaken argument (a log, an image) from being read whole. */
    private static final long MAX_BYTES = 10L * 1024 * 1024;

    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy documents (JSON).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", description = "What the policies are: identity (a managed policy), inline-user,"
            + " inline-role, inline-group, resource, bucket, kms-key, trust, boundary, session, scp or rcp. Without it each file's kind"
            + " is inferred: Principal with sts:AssumeRole* is a trust policy, other Principals a resource policy, none an identity policy.")
    String kind;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (default), json or sarif.")
    String format = "text";

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit with 1 when an issue is at least this level: error (default),"
            + " warning or never.")
    String failOn = "error";

    IamLintCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** One file's outcome: its lint, or why it could not be read. */
    record Checked(String file, Optional<PolicyLint> lint, Optional<String> readError) {}

    @Override
    public Integer call() throws IOException {
        String chosenFormat = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "sarif").contains(chosenFormat)) {
            throw BulwarkException.userError("--format: unknown format '" + format + "' (accepted: text, json, sarif)");
        }
        String threshold = failOn.trim().toLowerCase(Locale.ROOT);
        if (!List.of("error", "warning", "never").contains(threshold)) {
            throw BulwarkException.userError("--fail-on: unknown level '" + failOn + "' (accepted: error, warning, never)");
        }
        PolicyTarget target = null;
        if (kind != null) {
            target = PolicyTarget.byCliName(kind).orElseThrow(() -> BulwarkException.userError("--kind: unknown kind '" + kind
                    + "' (accepted: " + String.join(", ", PolicyTarget.cliNames()) + ")"));
        }
        PolicyLinter linter = new PolicyLinter(IamCatalog.bundled());
        List<Checked> results = new ArrayList<>();
        for (Path file : files) {
            SourceFile source;
            try {
                source = InputText.read(file, MAX_BYTES);
            } catch (BulwarkException e) {
                terminal.err().println("error: " + e.getMessage());
                results.add(new Checked(file.toString(), Optional.empty(), Optional.of(e.getMessage())));
                continue;
            }
            results.add(new Checked(source.displayPath(), Optional.of(linter.lint(source.content(), source.displayPath(), target)),
                    Optional.empty()));
        }
        PrintStream out = terminal.out();
        switch (chosenFormat) {
            case "json" -> out.println(json(results));
            case "sarif" -> out.println(new LintSarifWriter().write(results, Platform.version()));
            default -> text(results, out);
        }
        boolean unreadable = results.stream().anyMatch(result -> result.readError().isPresent());
        if (unreadable) {
            return ExitCode.ERROR;
        }
        return fails(results, threshold) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static boolean fails(List<Checked> results, String threshold) {
        for (Checked result : results) {
            for (PolicyIssue issue : result.lint().map(PolicyLint::issues).orElse(List.of())) {
                if (threshold.equals("warning") || (threshold.equals("error") && issue.isError())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void text(List<Checked> results, PrintStream out) {
        long errors = 0;
        long warnings = 0;
        int unreadable = 0;
        for (Checked result : results) {
            if (result.lint().isEmpty()) {
                unreadable++;
                continue;
            }
            PolicyLint lint = result.lint().get();
            for (PolicyIssue issue : lint.issues()) {
                out.println(result.file() + ":" + issue);
            }
            errors += lint.errorCount();
            warnings += lint.warningCount();
        }
        out.printf(Locale.ROOT, "%d %s checked: %d %s, %d %s%s%n", results.size() - unreadable, plural(results.size() - unreadable, "file"),
                errors, plural(errors, "error"), warnings, plural(warnings, "warning"),
                unreadable == 0 ? "" : ", " + unreadable + " " + plural(unreadable, "file") + " not readable");
    }

    private static String plural(long count, String noun) {
        return count == 1 ? noun : noun + "s";
    }

    private static String json(List<Checked> results) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode files = root.putArray("files");
        long errors = 0;
        long warnings = 0;
        for (Checked result : results) {
            ObjectNode file = files.addObject();
            file.put("file", result.file());
            if (result.readError().isPresent()) {
                file.put("readError", result.readError().get());
                continue;
            }
            PolicyLint lint = result.lint().get();
            file.put("kind", lint.target().cliName());
            file.put("kindInferred", lint.inferred());
            file.put("errors", lint.errorCount());
            file.put("warnings", lint.warningCount());
            ArrayNode issues = file.putArray("issues");
            for (PolicyIssue issue : lint.issues()) {
                ObjectNode entry = issues.addObject();
                entry.put("line", issue.position().line());
                entry.put("column", issue.position().column());
                entry.put("level", issue.level().label());
                entry.put("code", issue.code());
                entry.put("message", issue.message());
            }
            errors += lint.errorCount();
            warnings += lint.warningCount();
        }
        root.put("errors", errors);
        root.put("warnings", warnings);
        return mapper.writeValueAsString(root);
    }
}
