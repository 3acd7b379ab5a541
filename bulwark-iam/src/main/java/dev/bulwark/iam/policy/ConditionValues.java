package dev.bulwark.iam.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Parses condition values the way the IAM operators read them. */
final class ConditionValues {
    private ConditionValues() {}

    static Optional<BigDecimal> number(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** ISO 8601 (date, date-time, with or without offset; UTC when none) or epoch seconds, as epoch milliseconds. */
    static Optional<Long> instant(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 64) {
            return Optional.empty();
        }
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (trimmed.length() > 15) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(trimmed) * 1000L);
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return Optional.of(Instant.parse(trimmed).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not an instant
        }
        try {
            return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> bool(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (lower.equals("false")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    static Optional<byte[]> binary(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
