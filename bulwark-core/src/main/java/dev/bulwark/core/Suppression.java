package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Why a finding is suppressed: by an inline comment, a Kubernetes annotation, the
 * configuration file, or a baseline. An inline suppression may carry an expiry date.
 */
public record Suppression(Kind kind, String reason, Optional<LocalDate> expires, String source) {
    public enum Kind {
        INLINE,
        ANNOTATION,
        CONFIG,
        BASELINE
    }

    public Suppression {
        requireNonNull(kind, "kind is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(source, "source is null");
    }

    public String label() {
        return switch (kind) {
            case INLINE -> "inline comment";
            case ANNOTATION -> "annotation";
            case CONFIG -> "configuration";
            case BASELINE -> "baseline";
        };
    }
}
