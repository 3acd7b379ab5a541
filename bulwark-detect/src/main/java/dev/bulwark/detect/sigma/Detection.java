package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.detect.event.LogEvent;
import java.util.List;

/**
 * The compiled {@code detection} of a rule (with the filters applied to it, if any): the condition
 * tree over its search identifiers, field names already mapped. Immutable and thread-safe; build
 * one with {@link SigmaLoader}.
 */
public final class Detection {
    private final Condition condition;
    private final List<String> identifiers;

    Detection(Condition condition, List<String> identifiers) {
        this.condition = requireNonNull(condition, "condition is null");
        this.identifiers = List.copyOf(identifiers);
    }

    /** Whether the condition holds for {@code event}; the log source is not checked here. */
    public boolean matches(LogEvent event) {
        return condition.evaluate(event);
    }

    /** The search identifiers, in the order the rule defines them. */
    public List<String> identifiers() {
        return identifiers;
    }

    Condition condition() {
        return condition;
    }

    Requirement requirement() {
        return condition.requirement();
    }

    /** This detection, true only when {@code filter} is true as well. */
    Detection and(Detection filter) {
        return new Detection(new Condition.And(List.of(condition, filter.condition)), identifiers);
    }
}
