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
    /**
     * {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, the form CloudTrail and Kubernetes write, read by
     * hand (the general parser costs more than the rest of reading a record); null for any other.
     */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        long nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length - 21 > 9 || length - 21 < 1) {
                return null;
            }
            int fraction = digits(text, 20, length - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

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
        Instant fast = utc(text);
        if (fast != null) {
            return Optional.of(fast);
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
