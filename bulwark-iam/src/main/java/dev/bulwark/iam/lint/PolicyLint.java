package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.PolicyIssue;
import java.util.List;

/**
 * The result of linting one policy document: the target it was checked as, whether that target
 * was inferred from the document, and every issue found, sorted by {@link PolicyIssue#ORDER}.
 */
public record PolicyLint(PolicyTarget target, boolean inferred, List<PolicyIssue> issues) {
    public PolicyLint {
        requireNonNull(target, "target is null");
        issues = List.copyOf(issues);
    }

    public long errorCount() {
        return issues.stream().filter(PolicyIssue::isError).count();
    }

    public long warningCount() {
        return issues.size() - errorCount();
    }
}
