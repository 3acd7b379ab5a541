package dev.bulwark.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks rule folders the way the build checks the built-in rules: every file parses and
 * compiles, metadata is complete, and every rule passes its fixtures. Used by
 * {@code bulwark rules lint} and by each module's built-in rule test.
 */
public final class RuleLinter {
    private final RuleCompiler compiler;

    public RuleLinter(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** The rules that loaded and every issue (sorted), fixture failures included. */
    public record Result(List<Rule> rules, List<RuleIssue> issues) {
        public Result {
            rules = List.copyOf(rules);
            issues = List.copyOf(issues);
        }

        public long errorCount() {
            return issues.stream().filter(RuleIssue::isError).count();
        }
    }

    public Result lint(List<Path> folders) {
        RuleLoader loader = new RuleLoader(compiler);
        List<RuleLoader.Loaded> parts = new ArrayList<>();
        for (Path folder : folders) {
            parts.add(loader.loadFolder(folder));
        }
        RuleLoader.Loaded loaded = RuleLoader.combine(parts);
        List<RuleIssue> issues = new ArrayList<>(loaded.issues());
        FixtureRunner runner = new FixtureRunner(compiler);
        for (Rule rule : loaded.rules()) {
            issues.addAll(runner.run(rule));
        }
        Collections.sort(issues);
        return new Result(loaded.rules(), issues);
    }
}
