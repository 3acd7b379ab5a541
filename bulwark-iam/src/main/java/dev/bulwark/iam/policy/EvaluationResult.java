package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Supplier;

/**
 * What an evaluation decided and why. {@code decidingStatements} are the Deny statements that
 * matched (explicit deny), or the Allow statements the decision rests on (allowed), or none
 * (implicit deny: {@link #reason()} says which required Allow is missing). {@code explanation}
 * is the step-by-step reasoning, filled only when asked for. The reason text is built on first
 * use: account analysis makes millions of evaluations and reads few reasons. Immutable and
 * thread-safe.
 */
public final class EvaluationResult {
    private final Decision decision;
    private final List<StatementRef> decidingStatements;
    private final Supplier<String> reasonText;
    private final List<String> explanation;
    private volatile String reason;

    EvaluationResult(Decision decision, List<StatementRef> decidingStatements, Supplier<String> reason, List<String> explanation) {
        this.decision = requireNonNull(decision, "decision is null");
        this.decidingStatements = List.copyOf(decidingStatements);
        this.reasonText = requireNonNull(reason, "reason is null");
        this.explanation = List.copyOf(explanation);
    }

    /** A result decided outside the evaluator (a role without a trust policy), with its reason written out. */
    public static EvaluationResult of(Decision decision, List<StatementRef> decidingStatements, String reason) {
        requireNonNull(reason, "reason is null");
        return new EvaluationResult(decision, decidingStatements, () -> reason, List.of());
    }

    public Decision decision() {
        return decision;
    }

    public List<StatementRef> decidingStatements() {
        return decidingStatements;
    }

    /** One sentence: what allowed or denied the request. */
    public String reason() {
        String text = reason;
        if (text == null) {
            text = reasonText.get();
            reason = text;
        }
        return text;
    }

    public List<String> explanation() {
        return explanation;
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }

    @Override
    public String toString() {
        return decision.text() + ": " + reason();
    }
}
