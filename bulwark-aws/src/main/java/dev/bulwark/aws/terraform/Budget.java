package dev.bulwark.aws.terraform;

/**
 * How much work one root evaluation may do, counted in steps (an expression node, an element a
 * function reads or makes, sixteen characters of a string). Sizes alone do not bound a
 * configuration: nested {@code for} expressions over {@code range()} or a function called on a
 * large list in every iteration stay within each limit and would still run for hours. When the
 * budget is spent, every further evaluation fails with a message, so the scan ends in time and
 * says why values are unknown.
 *
 * <p>Not thread-safe: one per root evaluation, which is single-threaded.
 */
final class Budget {
    /** About ten seconds of evaluation on a slow machine; real configurations use a small fraction. */
    static final long DEFAULT_STEPS = 30_000_000L;

    private final long total;
    private long remaining;

    Budget(long steps) {
        this.total = steps;
        this.remaining = steps;
    }

    static Budget standard() {
        return new Budget(DEFAULT_STEPS);
    }

    void charge(long steps) throws EvaluationException {
        remaining -= steps;
        if (remaining < 0) {
            remaining = -1;
            throw new Exceeded(total);
        }
    }

    /** The budget is spent; {@code try()} and {@code can()} let it through. */
    static final class Exceeded extends EvaluationException {
        private static final long serialVersionUID = 1L;

        Exceeded(long total) {
            super("the configuration needs more than " + total
                    + " evaluation steps (nested loops over large collections?); the rest is treated as unknown");
        }
    }

    /** Steps for reading or making {@code value}: its element count, or its length in 16-character units. */
    static long size(Object value) {
        if (value instanceof java.util.Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof String text) {
            return text.length() / 16;
        }
        if (value instanceof JsonText json && json.complete()) {
            return json.json().length() / 16;
        }
        return 0;
    }
}
