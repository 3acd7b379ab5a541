package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import java.util.Comparator;

/**
 * A problem in a policy document, at a position. {@code code} is a stable identifier for tests
 * and suppressions ({@code unknown-action}, {@code invalid-arn}); {@code message} says what is
 * wrong with the actual value and, where it helps, what to write instead.
 */
public record PolicyIssue(Level level, JsonValue.Position position, String code, String message) {
    /** Issues in source order, errors before warnings at the same place. */
    public static final Comparator<PolicyIssue> ORDER = Comparator.comparingInt((PolicyIssue issue) -> issue.position().line())
            .thenComparingInt(issue -> issue.position().column())
            .thenComparing(PolicyIssue::level)
            .thenComparing(PolicyIssue::code)
            .thenComparing(PolicyIssue::message);

    /** ERROR: AWS would reject the policy or it cannot mean what it says; WARNING: valid but risky or redundant. */
    public enum Level {
        ERROR,
        WARNING;

        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public PolicyIssue {
        requireNonNull(level, "level is null");
        requireNonNull(position, "position is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    public static PolicyIssue error(JsonValue.Position position, String code, String message) {
        return new PolicyIssue(Level.ERROR, position, code, message);
    }

    public static PolicyIssue warning(JsonValue.Position position, String code, String message) {
        return new PolicyIssue(Level.WARNING, position, code, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public String toString() {
        return position + ": " + level.label() + ": " + message + " [" + code + "]";
    }
}
