package dev.bulwark.detect.ruletest;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.detect.Detector;
import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.sigma.SigmaRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code bulwark rules lint} for Sigma files: every document that does not load is an error at
 * its location (the loader's reasons), and a rule that loads but lacks what a detection needs to
 * be useful is a warning: an id, a level, an ATT&CK tag, a description, sample events.
 */
public final class SigmaLint {
    private SigmaLint() {}

    /** One finding of the linter, printed as {@code file:line:column: error|warning: message}. */
    public record Issue(SourceLocation location, boolean error, String message) implements Comparable<Issue> {
        @Override
        public int compareTo(Issue other) {
            return location.compareTo(other.location);
        }

        @Override
        public String toString() {
            return location.file() + ":" + location.startLine() + ":" + location.startColumn() + ": " + (error ? "error" : "warning") + ": "
                    + message;
        }
    }

    /** What linting found, and how many rules loaded. */
    public record Result(List<Issue> issues, int rules) {
        public Result {
            issues = List.copyOf(issues);
        }

        public long errors() {
            return issues.stream().filter(Issue::error).count();
        }
    }

    public static Result lint(List<Path> paths, SigmaOptions options) {
        RulePack pack = RulePack.load(paths, new SigmaLoader(options));
        List<Issue> issues = new ArrayList<>();
        Detector detector = Detector.of(pack);
        for (SigmaProblem problem : detector.problems()) {
            issues.add(new Issue(problem.location(), problem.isError(), problem.message()));
        }
        for (dev.bulwark.detect.correlation.CorrelationRule correlation : detector.correlations().correlations()) {
            if (!correlation.custom().containsKey("tests") && detector.correlations().alertsAlone(correlation)) {
                issues.add(new Issue(correlation.location(), false, "correlation '" + correlation.title()
                        + "' has no sample events ('tests'); bulwark rules test cannot check it"));
            }
        }
        for (SigmaRule rule : pack.rules()) {
            SourceLocation at = rule.location();
            if (rule.id().isEmpty()) {
                issues.add(new Issue(at, false, "rule '" + rule.title() + "' has no id; alerts and filters name rules by it"));
            }
            if (rule.level().isEmpty()) {
                issues.add(new Issue(at, false, "rule '" + rule.title() + "' has no level; its alerts are medium"));
            }
            if (rule.tags().stream().noneMatch(tag -> tag.startsWith("attack."))) {
                issues.add(new Issue(at, false, "rule '" + rule.title() + "' has no ATT&CK tag (attack.tNNNN or a tactic)"));
            }
            if (rule.description().isEmpty()) {
                issues.add(new Issue(at, false, "rule '" + rule.title() + "' has no description"));
            }
            if (!rule.custom().containsKey("tests") && detector.correlations().alertsAlone(rule)) {
                issues.add(new Issue(at, false, "rule '" + rule.title() + "' has no sample events ('tests'); bulwark rules test cannot check it"));
            }
        }
        Collections.sort(issues);
        return new Result(issues, pack.rules().size() + detector.correlations().correlations().size());
    }
}
