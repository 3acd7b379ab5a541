package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.policy.PolicyIssue;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one lint: the target, the shared catalog index, the action expansions of this
 * policy, the issues found so far, and a work budget. The pairwise checks (statement against
 * statement, pattern against pattern) are quadratic; the budget stops them on a hostile document
 * with one {@link LintCheck#ANALYSIS_LIMIT} warning instead of running for minutes. A real policy
 * (at most a few tens of kilobytes) spends a small fraction of it. Not thread-safe.
 */
final class LintRun {
    /** Units of pairwise work, each about one pattern comparison or set lookup. */
    static final long WORK_BUDGET = 20_000_000L;

    private final PolicyTarget target;
    private final CatalogIndex index;
    private final ActionPatterns patterns;
    private final List<PolicyIssue> issues = new ArrayList<>();
    private long budget = WORK_BUDGET;
    private boolean limitReported;

    LintRun(PolicyTarget target, CatalogIndex index) {
        this.target = requireNonNull(target, "target is null");
        this.index = requireNonNull(index, "index is null");
        this.patterns = new ActionPatterns(index.catalog());
    }

    PolicyTarget target() {
        return target;
    }

    CatalogIndex index() {
        return index;
    }

    ActionPatterns patterns() {
        return patterns;
    }

    List<PolicyIssue> issues() {
        return issues;
    }

    void report(LintCheck check, Position position, String message) {
        issues.add(check.at(position, message));
    }

    /**
     * Takes {@code units} of work from the budget; false (and one analysis-limit warning at
     * {@code where}) once it is spent, after which the caller skips the rest of its check.
     */
    boolean spend(long units, Position where, String what) {
        budget -= units;
        if (budget >= 0) {
            return true;
        }
        if (!limitReported) {
            limitReported = true;
            report(LintCheck.ANALYSIS_LIMIT, where, "the policy is too large to check " + what
                    + " in full; the checks stopped here (split the policy, it is far beyond any AWS size quota)");
        }
        return false;
    }
}
