package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A condition operator as written in a policy: {@code ForAnyValue:StringLikeIfExists} is
 * {@code STRING_LIKE} with the {@code FOR_ANY_VALUE} qualifier and {@code IfExists}. The parser
 * and the linter read operators through here, so they always agree.
 */
public record QualifiedOperator(ConditionOperator operator, Condition.Qualifier qualifier, boolean ifExists) {
    public QualifiedOperator {
        requireNonNull(operator, "operator is null");
        requireNonNull(qualifier, "qualifier is null");
    }

    /** Why a text is not an operator: {@code code} is {@code unknown-operator} or {@code invalid-operator}. */
    public record Problem(String code, String message) {}

    /** The operator {@code text} names (case-insensitively), or empty when it names none ({@link #problem} says why). */
    public static Optional<QualifiedOperator> parse(String text) {
        Condition.Qualifier qualifier = Condition.Qualifier.NONE;
        String rest = text;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            Optional<Condition.Qualifier> found = qualifier(text.substring(0, colon + 1));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            qualifier = found.get();
            rest = text.substring(colon + 1);
        }
        boolean ifExists = false;
        Optional<ConditionOperator> operator = ConditionOperator.lookup(rest);
        if (operator.isEmpty() && rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
            ifExists = true;
            operator = ConditionOperator.lookup(rest.substring(0, rest.length() - "IfExists".length()));
        }
        if (operator.isEmpty() || operator.get() == ConditionOperator.NULL && (ifExists || qualifier != Condition.Qualifier.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new QualifiedOperator(operator.get(), qualifier, ifExists));
    }

    /** Why {@link #parse} found no operator in {@code text}. */
    public static Problem problem(String text) {
        int colon = text.indexOf(':');
        if (colon >= 0 && qualifier(text.substring(0, colon + 1)).isEmpty()) {
            return new Problem("unknown-operator", "unknown set operator '" + text.substring(0, colon + 1) + "' in '" + text
                    + "'; use ForAllValues: or ForAnyValue:");
        }
        String rest = colon >= 0 ? text.substring(colon + 1) : text;
        String base = rest.toLowerCase(Locale.ROOT).endsWith("ifexists") ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        if (ConditionOperator.lookup(rest).orElse(ConditionOperator.lookup(base).orElse(null)) == ConditionOperator.NULL) {
            return new Problem("invalid-operator", "Null takes neither IfExists nor a set operator");
        }
        return new Problem("unknown-operator", "unknown condition operator '" + text + "'");
    }

    private static Optional<Condition.Qualifier> qualifier(String prefix) {
        for (Condition.Qualifier candidate : Condition.Qualifier.values()) {
            if (candidate != Condition.Qualifier.NONE && candidate.prefix().equalsIgnoreCase(prefix)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The operator as AWS documents its spelling, e.g. {@code ForAnyValue:StringLikeIfExists}. */
    public String canonical() {
        return qualifier.prefix() + operator.text() + (ifExists ? "IfExists" : "");
    }
}
