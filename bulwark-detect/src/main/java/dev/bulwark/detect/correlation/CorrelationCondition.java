package dev.bulwark.detect.correlation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A correlation's {@code condition}: one or more comparisons, all of which must hold (a range is
 * {@code gt: 100, lte: 200}), the {@code field} the value types read, and the {@code percentile}
 * of {@code value_percentile}. Immutable.
 */
public record CorrelationCondition(List<Comparison> comparisons, Optional<String> field, int percentile) {
    /** A comparison operator of the specification ({@code neq} since v2.1). */
    public enum Operator {
        GT, GTE, LT, LTE, EQ, NEQ;

        boolean test(double measured, double bound) {
            return switch (this) {
                case GT -> measured > bound;
                case GTE -> measured >= bound;
                case LT -> measured < bound;
                case LTE -> measured <= bound;
                case EQ -> measured == bound;
                case NEQ -> measured != bound;
            };
        }

        boolean isLowerBound() {
            return switch (this) {
                case GT, GTE -> true;
                case LT, LTE, EQ, NEQ -> false;
            };
        }
    }

    /** One comparison of the measured value with a bound. */
    public record Comparison(Operator operator, double bound) {
        public Comparison {
            requireNonNull(operator, "operator is null");
        }
    }

    public CorrelationCondition {
        comparisons = List.copyOf(comparisons);
        requireNonNull(field, "field is null");
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("a condition needs at least one comparison");
        }
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be from 0 to 100: " + percentile);
        }
    }

    /** Whether every comparison holds for {@code measured}. */
    public boolean test(double measured) {
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison comparison = comparisons.get(i);
            if (!comparison.operator().test(measured, comparison.bound())) {
                return false;
            }
        }
        return true;
    }

    /** Whether only {@code gt}/{@code gte} are given: the condition holds from some value on. */
    public boolean onlyLowerBounds() {
        for (Comparison comparison : comparisons) {
            if (!comparison.operator().isLowerBound()) {
                return false;
            }
        }
        return true;
    }
}
