package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;

/**
 * Why a rule, a filter or a field mapping was rejected, and where: {@code file:line:column:
 * message}. Problems are values, sorted by location; they never come as exceptions.
 */
public record SigmaProblem(SourceLocation location, String message) implements Comparable<SigmaProblem> {
    public SigmaProblem {
        requireNonNull(location, "location is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public int compareTo(SigmaProblem other) {
        int byLocation = location.compareTo(other.location);
        return byLocation != 0 ? byLocation : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
