package dev.bulwark.detect.correlation;

import java.util.Locale;
import java.util.Optional;

/**
 * The correlation types of the Sigma correlation specification (v2.0: the counts and temporal
 * proximity; v2.1: the metrics over a numeric field).
 */
public enum CorrelationType {
    /** Matches of the referenced rules counted per group. */
    EVENT_COUNT,
    /** Distinct values of the condition's {@code field} per group. */
    VALUE_COUNT,
    /** Every referenced rule matched within the timespan, in any order. */
    TEMPORAL,
    /** Every referenced rule matched within the timespan, in the order listed. */
    TEMPORAL_ORDERED,
    /** The sum of the numeric {@code field}. */
    VALUE_SUM,
    /** The average of the numeric {@code field}. */
    VALUE_AVG,
    /** A percentile (the condition's {@code percentile}, 50 unless given) of the numeric {@code field}. */
    VALUE_PERCENTILE;

    /** The name rules write ({@code event_count}). */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a rule names, if it is one. */
    public static Optional<CorrelationType> of(String text) {
        for (CorrelationType type : values()) {
            if (type.text().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether the condition reads a field of the events. */
    public boolean needsField() {
        return switch (this) {
            case VALUE_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> true;
            case EVENT_COUNT, TEMPORAL, TEMPORAL_ORDERED -> false;
        };
    }

    /**
     * Whether the measured value can only grow as matches are added to a window (counts and sums of
     * non-negative values): then a lower bound, once reached, holds for the window and can be
     * alerted on at once. Averages and percentiles go up and down, so they are decided when the
     * window closes.
     */
    boolean growsWithMatches() {
        return switch (this) {
            case EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM -> true;
            case VALUE_AVG, VALUE_PERCENTILE -> false;
        };
    }
}
