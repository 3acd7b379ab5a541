package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.EvaluationResult;
import java.util.List;
import java.util.Optional;

/**
 * One technique tried by one principal on one candidate (a role, a user, a group, a policy, or
 * itself). {@code checks} are the decisions on its required actions, in order, up to the first
 * that failed; {@code outcome} is what the principal's policies would then allow, for techniques
 * that change its own policies. A blocked attempt says what blocks it in {@code block}.
 */
record Attempt(Technique technique, Node source, String targetLabel, Optional<Node> target, List<Check> checks, boolean succeeded,
               Optional<Block> block, Optional<AdminCheck.Result> outcome) {
    /** One required action as decided. */
    record Check(Technique.Requirement requirement, Probe probe, EvaluationResult result) {}

    Attempt {
        requireNonNull(technique, "technique is null");
        requireNonNull(source, "source is null");
        requireNonNull(targetLabel, "targetLabel is null");
        requireNonNull(target, "target is null");
        checks = List.copyOf(checks);
        requireNonNull(block, "block is null");
        requireNonNull(outcome, "outcome is null");
    }
}
