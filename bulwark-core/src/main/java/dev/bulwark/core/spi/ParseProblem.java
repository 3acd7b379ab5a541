package dev.bulwark.core.spi;

import static java.util.Objects.requireNonNull;

/** A syntax error in an input, 1-based line and column (0 when unknown). */
public record ParseProblem(String file, int line, int column, String message) {
    public ParseProblem {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }
}
