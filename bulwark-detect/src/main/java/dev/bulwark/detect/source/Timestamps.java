package dev.bulwark.detect.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Event times as logs write them. */
final class Timestamps {
    /** Epoch numbers above this are milliseconds (it is 5138 in seconds). */
    private static final long MILLISECONDS_FROM = 100_000_000_000L;

    private Timestamps() {}

    /**
     * An RFC 3339 time ({@code 2026-11-30T08:15:02Z}, fractions and offsets allowed), the same
     * with a space and no zone as CloudTrail Lake writes it (read as UTC), or epoch seconds or
     * milliseconds as a number. Empty for anything else.
     */
    static Optional<Instant> parse(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long epoch = value.longValue();
            return Optional.of(epoch >= MILLISECONDS_FROM ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        return parse(value.textValue());
    }

    static Optional<Instant> parse(String text) {
        if (text.length() < 10 || text.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // Not with an offset: maybe CloudTrail Lake's "2026-11-30 08:15:02.000".
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
