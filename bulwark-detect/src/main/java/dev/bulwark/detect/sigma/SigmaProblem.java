package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;

/**
 * Why a rule, a filter or a field mapping was rejected ({@link Level#ERROR}), or where a loaded
 * rule strays from the specification ({@link Level#WARNING}: a tag not in the namespaced form, a
 * repeated list entry, a legacy date), and where: {@code file:line:column: message}. Problems are
 * values, sorted by location; they never come as exceptions.
 */
public record SigmaProblem(SourceLocation location, Level level, String message) implements Comparable<SigmaProblem> {
    /** Whether the rule was rejected or only told about. */
    public enum Level { ERROR, WARNING }

    public SigmaProblem {
        requireNonNull(location, "location is null");
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
    }

    /** An error: the rule, filter or mapping it is about did not load. */
    public SigmaProblem(SourceLocation location, String message) {
        this(location, Level.ERROR, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public int compareTo(SigmaProblem other) {
        int byLocation = location.compareTo(other.location);
        return byLocation != 0 ? byLocation : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        if (level == Level.WARNING) {
            return location + ": warning: " + message;
        }
        return location + ": " + message;
    }
}
