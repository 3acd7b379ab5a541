package dev.bulwark.detect.sigma;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;

/**
 * The time-part modifiers ({@code minute} … {@code year}): the part of a date-time field as a
 * number. As the specification warns, no time-zone conversion happens: the part is read as written
 * ({@code 2026-03-01T23:10:00+05:00} has hour 23). Accepted field values: ISO-8601 date-times with
 * or without offset (a space instead of {@code T} too), ISO dates, and epoch numbers (seconds, or
 * milliseconds when above 10^11), read in UTC. Weeks are ISO weeks (1 to 53).
 */
enum TimePart {
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY("day", 1, 31),
    WEEK("week", 1, 53),
    MONTH("month", 1, 12),
    YEAR("year", 0, 9999);

    final String modifier;
    final int min;
    final int max;

    TimePart(String modifier, int min, int max) {
        this.modifier = modifier;
        this.min = min;
        this.max = max;
    }

    static TimePart named(String modifier) {
        for (TimePart part : values()) {
            if (part.modifier.equals(modifier)) {
                return part;
            }
        }
        return null;
    }

    /** The part of {@code text} read as a date-time, or -1 when it is none. */
    long extract(String text) {
        TemporalAccessor time = parse(text.trim());
        if (time == null) {
            return -1;
        }
        if (this == WEEK) {
            return time.isSupported(IsoFields.WEEK_OF_WEEK_BASED_YEAR) ? time.getLong(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : -1;
        }
        ChronoField field = switch (this) {
            case MINUTE -> ChronoField.MINUTE_OF_HOUR;
            case HOUR -> ChronoField.HOUR_OF_DAY;
            case DAY -> ChronoField.DAY_OF_MONTH;
            case WEEK -> ChronoField.ALIGNED_WEEK_OF_YEAR;
            case MONTH -> ChronoField.MONTH_OF_YEAR;
            case YEAR -> ChronoField.YEAR;
        };
        return time.isSupported(field) ? time.getLong(field) : -1;
    }

    private static TemporalAccessor parse(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 15) {
                return null;
            }
            long epoch = Long.parseLong(text);
            Instant instant = epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            // try a plain date
        }
        try {
            return LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
