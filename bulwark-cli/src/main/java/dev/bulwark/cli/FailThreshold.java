package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Severity;
import java.util.Locale;
import java.util.Optional;

/** The {@code --fail-on} value: a severity, or {@code never}. */
record FailThreshold(Optional<Severity> severity) {
    /** The value of {@code --fail-on}; a bad value is a user error naming the flag. */
    static FailThreshold option(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw BulwarkException.userError("--fail-on: " + e.getMessage() + " or never");
        }
    }

    static FailThreshold parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("never") || normalized.equals("none")) {
            return new FailThreshold(Optional.empty());
        }
        return new FailThreshold(Optional.of(Severity.parse(normalized)));
    }

    boolean fails(Severity found) {
        return severity.isPresent() && found.isAtLeast(severity.get());
    }
}
