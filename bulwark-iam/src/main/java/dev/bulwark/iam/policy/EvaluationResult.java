package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an evaluation decided and why. {@code decidingStatements} are the Deny statements that
 * matched (explicit deny), or the Allow statements the decision rests on (allowed), or none
 * (implicit deny: {@code reason} says which required Allow is missing). {@code explanation} is
 * the step-by-step reasoning, filled only when asked for.
 */
public record EvaluationResult(Decision decision, List<StatementRef> decidingStatements, String reason, List<String> explanation) {
    public EvaluationResult {
        requireNonNull(decision, "decision is null");
        decidingStatements = List.copyOf(decidingStatements);
        requireNonNull(reason, "reason is null");
        explanation = List.copyOf(explanation);
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }
}
