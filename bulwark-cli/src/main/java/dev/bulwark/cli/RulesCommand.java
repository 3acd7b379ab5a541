package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.source.SigmaFiles;
import dev.bulwark.core.spi.ScanAnalyzer;
import dev.bulwark.detect.Detector;
import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.ruletest.RuleTests;
import dev.bulwark.detect.ruletest.SigmaLint;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleIssue;
import dev.bulwark.rules.RuleLinter;
import dev.bulwark.rules.RuleLoader;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.scan.ScanOptions;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List and check rules.", synopsisSubcommandLabel = "COMMAND")
final class RulesCommand implements Callable<Integer> {
    private final Terminal terminal;

    RulesCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        throw BulwarkException.userError("missing command: use 'bulwark rules list' or 'bulwark rules lint DIR'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false, description = "List the rules that would run, with their severity, target and frameworks.")
    static final class ListCommand implements Callable<Integer> {
        private final Platform platform;
        private final Terminal terminal;

        @Option(names = "--id", paramLabel = "GLOB", description = "Only ids matching GLOB, e.g. 'BW-K8S-0*'.")
        String id;

        @Option(names = "--severity", paramLabel = "SEVERITY", split = ",", description = "Only these severities (comma-separated).")
        List<String> severities = new ArrayList<>();

        @Option(names = "--framework", paramLabel = "ID", description = "Only rules mapped to this framework (prefix match at '-').")
        String framework;

        @Option(names = "--target", paramLabel = "TARGET", description = "Only rules for this target: kubernetes or dockerfile.")
        String target;

        @Option(names = "--rules", paramLabel = "DIR", description = "Include the rules of this folder. Repeatable.")
        List<Path> folders = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or markdown.")
        String format = "table";

        ListCommand(Platform platform, Terminal terminal) {
            this.platform = platform;
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Set<Severity> wanted = new LinkedHashSet<>();
            for (String severity : severities) {
                try {
                    wanted.add(Severity.parse(severity));
                } catch (IllegalArgumentException e) {
                    throw BulwarkException.userError("--severity: " + e.getMessage());
                }
            }
            if (target != null && !platform.compiler().targets().contains(target)) {
                throw BulwarkException.userError("--target: unknown target '" + target + "' (accepted: "
                        + String.join(", ", platform.compiler().targets()) + ")");
            }
            if (!format.equals("table") && !format.equals("json") && !format.equals("markdown")) {
                throw BulwarkException.userError("--format: expected table, json or markdown, not '" + format + "'");
            }
            PathMatcher idMatcher = id == null ? null
                    : FileSystems.getDefault().getPathMatcher("glob:" + id.toUpperCase(Locale.ROOT));
            RuleSet rules = platform.loadRules(folders, true, terminal.err());
            List<RuleInfo> all = new ArrayList<>();
            for (Rule rule : rules.rules()) {
                all.add(rule.info());
            }
            for (ScanAnalyzer analyzer : platform.analyzers()) {
                all.addAll(analyzer.rules());
            }
            List<RuleInfo> selected = new ArrayList<>();
            for (RuleInfo info : all) {
                if (idMatcher != null && !idMatcher.matches(Path.of(info.id()))) {
                    continue;
                }
                if (!wanted.isEmpty() && !wanted.contains(info.severity())) {
                    continue;
                }
                if (target != null && !info.target().equals(target)) {
                    continue;
                }
                if (framework != null && info.compliance().keySet().stream()
                        .noneMatch(key -> ScanOptions.frameworkMatches(framework, key))) {
                    continue;
                }
                selected.add(info);
            }
            if (format.equals("json")) {
                printJson(selected);
            } else if (format.equals("markdown")) {
                printMarkdown(selected);
            } else {
                printTable(selected);
            }
            return ExitCode.OK;
        }

        private void printTable(List<RuleInfo> rules) {
            int idWidth = Math.max(2, rules.stream().mapToInt(rule -> rule.id().length()).max().orElse(2));
            String format = "%-" + idWidth + "s  %-8s  %-10s  %s%n";
            terminal.out().printf(Locale.ROOT, format, "ID", "SEVERITY", "TARGET", "TITLE [FRAMEWORKS]");
            for (RuleInfo rule : rules) {
                terminal.out().printf(Locale.ROOT, format, rule.id(), rule.severity().label(), rule.target(),
                        rule.title() + " [" + String.join(", ", rule.compliance().keySet()) + "]");
            }
            terminal.out().printf(Locale.ROOT, "%d rules%n", rules.size());
        }

        private void printMarkdown(List<RuleInfo> rules) {
            terminal.out().println("| id | severity | title | compliance |");
            terminal.out().println("|---|---|---|---|");
            for (RuleInfo rule : rules) {
                StringBuilder mappings = new StringBuilder();
                rule.compliance().forEach((framework, controls) -> {
                    if (mappings.length() > 0) {
                        mappings.append("; ");
                    }
                    mappings.append(framework).append(' ').append(String.join(", ", controls));
                });
                terminal.out().printf(Locale.ROOT, "| %s | %s | %s | %s |%n", rule.id(), rule.severity().label(),
                        rule.title().replace("|", "\\|"), mappings.toString().replace("|", "\\|"));
            }
        }

        private void printJson(List<RuleInfo> rules) throws Exception {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            for (RuleInfo rule : rules) {
                ObjectNode node = array.addObject();
                node.put("id", rule.id());
                node.put("title", rule.title());
                node.put("severity", rule.severity().label());
                node.put("target", rule.target());
                node.putPOJO("kinds", rule.kinds());
                node.put("description", rule.description());
                node.put("remediation", rule.remediation());
                node.putPOJO("references", rule.references());
                node.putPOJO("compliance", rule.compliance());
                node.put("source", rule.source());
            }
            terminal.out().println(mapper.writeValueAsString(array));
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = {"Check rule folders: YAML and CEL errors with file:line:column, missing metadata, and fixtures (every rule needs files that must fail, with expected lines, and files that must pass).",
            "Exit 0 when there are no errors (warnings allowed), 1 when there are."})
    static final class LintCommand implements Callable<Integer> {
        private final Platform platform;
        private final Terminal terminal;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Rule folders or rule files.")
        List<Path> folders = new ArrayList<>();

        @Option(names = "--strict", description = "Treat warnings (missing optional metadata) as errors.")
        boolean strict;

        LintCommand(Platform platform, Terminal terminal) {
            this.platform = platform;
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            // Sigma files (detection rules) go to the Sigma loader; folders are read by both, each taking its own files.
            List<Path> bulwarkRules = new ArrayList<>();
            List<Path> sigma = new ArrayList<>();
            for (Path path : folders) {
                if (!Files.exists(path)) {
                    throw BulwarkException.userError("rule folder " + path + " does not exist");
                }
                if (Files.isRegularFile(path)) {
                    (SigmaFiles.isSigma(path) ? sigma : bulwarkRules).add(path);
                } else {
                    bulwarkRules.add(path);
                    sigma.add(path);
                }
            }
            RuleLinter.Result result = bulwarkRules.isEmpty() ? new RuleLinter.Result(List.of(), List.of())
                    : new RuleLinter(platform.compiler()).lint(bulwarkRules);
            SigmaLint.Result sigmaResult = SigmaLint.lint(sigma, SigmaOptions.defaults());
            for (RuleIssue issue : result.issues()) {
                terminal.out().println(issue);
            }
            for (SigmaLint.Issue issue : sigmaResult.issues()) {
                terminal.out().println(issue);
            }
            long errorCount = result.errorCount() + sigmaResult.errors();
            long issueCount = result.issues().size() + sigmaResult.issues().size();
            terminal.out().printf(Locale.ROOT, "%d rules checked: %d errors, %d warnings%s%n", result.rules().size() + sigmaResult.rules(),
                    errorCount, issueCount - errorCount, sigmaResult.rules() > 0 ? " (" + sigmaResult.rules() + " of them Sigma)" : "");
            return (strict ? issueCount : errorCount) > 0 ? ExitCode.FINDINGS : ExitCode.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = {"Run the sample events Sigma rules carry ('tests': events that must and must not raise an alert).",
            "Exit 0 when every case passes, 1 when one fails."})
    static final class TestCommand implements Callable<Integer> {
        private final Terminal terminal;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Sigma rule folders or files.")
        List<Path> folders = new ArrayList<>();

        @Option(names = "--builtin", description = "Test Bulwark's built-in detections (with the given folders, if any).")
        boolean builtin;

        @Option(names = {"-v", "--verbose"}, description = "Print passing cases too.")
        boolean verbose;

        TestCommand(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            if (folders.isEmpty() && !builtin) {
                throw BulwarkException.userError("give rule folders to test, or --builtin");
            }
            SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
            RulePack pack = builtin ? RulePack.builtin(loader) : RulePack.empty();
            if (!folders.isEmpty()) {
                pack = pack.plus(RulePack.load(folders, loader));
            }
            List<SigmaProblem> problems = Detector.of(pack).problems();
            for (SigmaProblem problem : problems) {
                terminal.out().println(problem);
            }
            RuleTests.Report report = RuleTests.run(pack);
            for (RuleTests.Case test : report.cases()) {
                if (!test.passed()) {
                    terminal.out().println("FAIL " + test);
                } else if (verbose) {
                    terminal.out().println("ok   " + test.rule() + " [" + test.name() + "]");
                }
            }
            long failures = report.failures() + problems.stream().filter(SigmaProblem::isError).count();
            terminal.out().printf(Locale.ROOT, "%d cases in %d rules: %d passed, %d failed; %d rules without tests%n", report.cases().size(),
                    pack.rules().size() - report.untested().size(), report.cases().size() - report.failures(), report.failures(),
                    report.untested().size());
            return failures > 0 ? ExitCode.FINDINGS : ExitCode.OK;
        }
    }
}
