package dev.bulwark.detect.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * One audit-log event as detection sees it: the record's JSON tree as the log wrote it (DESIGN:
 * events stay JSON trees), the {@link LogSource} its reader tagged it with, its time when the
 * record has one, and where it was read ({@code origin}: file path, or {@code -} for standard
 * input, and the 1-based line or record number) so an alert can point back at it.
 *
 * <p>{@link #field(String)} resolves a Sigma field name as {@link FieldPath} does: keys that hold
 * dots, nested objects ({@code userIdentity.arn}) and arrays on the way. Immutable by
 * convention: readers hand over a tree nobody changes afterwards. Serializable (Jackson's nodes
 * are) so that a stream job can ship events.
 */
public record LogEvent(JsonNode body, LogSource source, Optional<Instant> time, String origin, long line) implements Serializable {
    public LogEvent {
        requireNonNull(body, "body is null");
        requireNonNull(source, "source is null");
        requireNonNull(time, "time is null");
        requireNonNull(origin, "origin is null");
    }

    /** The value of a field, or a missing node, resolved as {@link FieldPath} describes. */
    public JsonNode field(String name) {
        return FieldPath.of(name).read(body);
    }

    /** The value of a compiled field path, or a missing node. */
    public JsonNode field(FieldPath path) {
        return path.read(body);
    }

    /** {@code origin:line}, as alerts show it. */
    public String location() {
        return origin + ":" + line;
    }
}
