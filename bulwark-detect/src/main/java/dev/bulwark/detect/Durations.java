package dev.bulwark.detect;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Sigma writes a correlation's {@code timespan} and Bulwark's options and
 * attributes follow it: a number and a lower-case unit, {@code 30s}, {@code 10m}, {@code 1h},
 * {@code 7d}. One reading for timespans, {@code --dedup}, {@code novelty.learning} and the
 * sample-event generators.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhd])");

    private Durations() {}

    /** {@code text} as a duration; empty when it is not a number and one of s, m, h, d. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return of(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    /** {@code amount} of {@code unit} (s, m, h or d); empty for another unit. */
    public static Optional<Duration> of(long amount, String unit) {
        return switch (unit) {
            case "s" -> Optional.of(Duration.ofSeconds(amount));
            case "m" -> Optional.of(Duration.ofMinutes(amount));
            case "h" -> Optional.of(Duration.ofHours(amount));
            case "d" -> Optional.of(Duration.ofDays(amount));
            default -> Optional.empty();
        };
    }
}
