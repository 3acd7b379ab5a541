package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.StatementRef;
import java.util.List;
import java.util.Optional;

/**
 * One technique tried by one principal on one candidate (a role, a user, a group, a policy, or
 * itself). {@code checks} are the decisions on its required actions, in order, up to the first
 * that failed; {@code outcome} is what the principal's policies would then allow, for techniques
 * that change its own policies. A blocked attempt says why in {@code reason} and names the
 * statements behind it in {@code blocking} (Deny statements; empty for a missing Allow).
 */
record Attempt(Technique technique, Node source, String targetLabel, Optional<Node> target, List<Check> checks, boolean succeeded,
               String reason, List<StatementRef> blocking, Optional<AdminCheck.Result> outcome) {
    /** One required action as decided. */
    record Check(Technique.Requirement requirement, Probe probe, EvaluationResult result) {}

    Attempt {
        requireNonNull(technique, "technique is null");
        requireNonNull(source, "source is null");
        requireNonNull(targetLabel, "targetLabel is null");
        requireNonNull(target, "target is null");
        checks = List.copyOf(checks);
        requireNonNull(reason, "reason is null");
        blocking = List.copyOf(blocking);
        requireNonNull(outcome, "outcome is null");
    }
}
