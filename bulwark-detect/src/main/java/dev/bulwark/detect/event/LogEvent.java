package dev.bulwark.detect.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * One audit-log event as detection sees it: the record's JSON tree as the log wrote it (DESIGN:
 * events stay JSON trees), the {@link LogSource} its reader tagged it with, its time when the
 * record has one, and where it was read ({@code origin}: file path, or {@code -} for standard
 * input, and the 1-based line or record number) so an alert can point back at it.
 *
 * <p>{@link #field(String)} resolves a Sigma field name: first the name as a key of the top-level
 * object (some schemas have dotted keys), then as a dotted path into nested objects
 * ({@code userIdentity.arn}). Immutable by convention: readers hand over a tree nobody changes
 * afterwards. Serializable (Jackson's nodes are) so that a stream job can ship events.
 */
public record LogEvent(JsonNode body, LogSource source, Optional<Instant> time, String origin, long line) implements Serializable {
    public LogEvent {
        requireNonNull(body, "body is null");
        requireNonNull(source, "source is null");
        requireNonNull(time, "time is null");
        requireNonNull(origin, "origin is null");
    }

    /** The value of a field, or a missing node: the whole name as a top-level key first, then as a dotted path. */
    public JsonNode field(String name) {
        JsonNode direct = body.get(name);
        if (direct != null) {
            return direct;
        }
        if (name.indexOf('.') < 0) {
            return MissingNode.getInstance();
        }
        JsonNode node = body;
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            String key = dot < 0 ? name.substring(start) : name.substring(start, dot);
            node = node.get(key);
            if (node == null) {
                return MissingNode.getInstance();
            }
            if (dot < 0) {
                return node;
            }
            start = dot + 1;
        }
        return MissingNode.getInstance();
    }

    /** {@link Optional} is not serializable: the record travels with a nullable time. */
    @Serial
    private Object writeReplace() {
        return new SerialForm(body, source, time.orElse(null), origin, line);
    }

    private record SerialForm(JsonNode body, LogSource source, Instant time, String origin, long line) implements Serializable {
        @Serial
        private Object readResolve() {
            return new LogEvent(body, source, Optional.ofNullable(time), origin, line);
        }
    }

    /** {@code origin:line}, as alerts show it. */
    public String location() {
        return origin + ":" + line;
    }
}
