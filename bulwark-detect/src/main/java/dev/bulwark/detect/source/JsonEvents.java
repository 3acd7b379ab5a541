package dev.bulwark.detect.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Turns JSON values into events: unwraps the containers logs come in, decides the input's format
 * from its first record when no hint did, and reads each event's time.
 *
 * <p>Containers (not with a generic {@code --logsource} hint, where every value is an event):
 * <ul>
 *   <li>{@code {"Records": [...]}}: a CloudTrail S3 delivery file, one event per element;</li>
 *   <li>{@code {"kind": "EventList", "items": [...]}}: a Kubernetes audit event list;</li>
 *   <li>{@code {"QueryResultRows": [[{"column": "value"}, ...], ...]}}: CloudTrail Lake query
 *       results; each row's single-column maps are merged into one event, and a column holding a
 *       JSON object as text (such as {@code eventJson}) is parsed; a row of only such a column is
 *       that object;</li>
 *   <li>{@code {"Events": [{"CloudTrailEvent": "{...}"}, ...]}}: {@code aws cloudtrail
 *       lookup-events} output, each event being the parsed {@code CloudTrailEvent} text;</li>
 *   <li>a top-level array: one event per element.</li>
 * </ul>
 * An EventBridge event of CloudTrail ({@code "detail-type": "AWS API Call via CloudTrail"} or any
 * other {@code ... via CloudTrail}) is its {@code detail}.
 */
final class JsonEvents {
    private static final String EVENTBRIDGE_SUFFIX = "via CloudTrail";
    private static final String[] GENERIC_TIME_FIELDS = {"eventTime", "@timestamp", "timestamp", "time"};

    private final InputRun run;
    private final JsonTrees trees;

    JsonEvents(InputRun run, JsonTrees trees) {
        this.run = run;
        this.trees = trees;
    }

    /** Whether containers are unwrapped (all but a generic hint). */
    boolean unwraps() {
        return !(run.hinted() && run.format() == LogFormat.JSON);
    }

    /** Whether a field of a top-level object, holding an array, is a container to stream element by element. */
    boolean isContainerField(String name, boolean eventList) {
        if (!unwraps()) {
            return false;
        }
        return switch (name) {
            case "Records", "QueryResultRows", "Events" -> true;
            case "items" -> eventList;
            default -> false;
        };
    }

    /** One element of the container field {@code name} (see {@link #isContainerField}). */
    void element(String name, JsonNode element, long line) {
        switch (name) {
            case "Records" -> {
                run.decide(LogFormat.CLOUDTRAIL);
                record(element, line);
            }
            case "items" -> {
                run.decide(LogFormat.KUBERNETES_AUDIT);
                record(element, line);
            }
            case "QueryResultRows" -> lakeRow(element, line);
            case "Events" -> lookupEvent(element, line);
            default -> record(element, line);
        }
    }

    /** A top-level value of a line or a document. */
    void root(JsonNode value, long line) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                record(element, line);
            }
            return;
        }
        if (value.isObject() && unwraps()) {
            boolean eventList = "EventList".equals(value.path("kind").textValue());
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (field.getValue().isArray() && isContainerField(field.getKey(), eventList)) {
                    for (JsonNode element : field.getValue()) {
                        element(field.getKey(), element, line);
                    }
                    return;
                }
            }
        }
        record(value, line);
    }

    /** One record: an event unless it is not an object. */
    void record(JsonNode node, long line) {
        if (!node.isObject()) {
            run.warn(line, "record is " + JsonTrees.kind(node) + ", not a JSON object; skipped");
            return;
        }
        JsonNode event = node;
        JsonNode detailType = node.get("detail-type");
        JsonNode detail = node.get("detail");
        if (unwraps() && detailType != null && detailType.isTextual() && detailType.textValue().endsWith(EVENTBRIDGE_SUFFIX)
                && detail != null && detail.isObject()) {
            run.decide(LogFormat.CLOUDTRAIL);
            event = detail;
        }
        LogFormat format = run.format();
        if (format == null) {
            format = run.decide(classify(event));
            if (format == LogFormat.JSON) {
                run.warn(line, "not CloudTrail or Kubernetes audit JSON: events get no log source (name one with --logsource product/service)");
            }
        }
        run.emit(event, time(format, event, line), line);
    }

    private static LogFormat classify(JsonNode event) {
        String apiVersion = event.path("apiVersion").asText("");
        if (apiVersion.startsWith("audit.k8s.io/")) {
            return LogFormat.KUBERNETES_AUDIT;
        }
        if (event.has("eventVersion") && (event.has("eventSource") || event.has("eventName"))) {
            return LogFormat.CLOUDTRAIL;
        }
        return LogFormat.JSON;
    }

    private Optional<Instant> time(LogFormat format, JsonNode event, long line) {
        return switch (format) {
            case CLOUDTRAIL -> required(event, line, "CloudTrail record", "eventTime");
            case KUBERNETES_AUDIT -> required(event, line, "Kubernetes audit event", "stageTimestamp", "requestReceivedTimestamp");
            case VPC_FLOW, JSON -> generic(event);
        };
    }

    /** The time from the first of {@code fields} present; a warning when none is, or it is not a time. */
    private Optional<Instant> required(JsonNode event, long line, String what, String... fields) {
        for (String field : fields) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull()) {
                Optional<Instant> time = Timestamps.parse(value);
                if (time.isEmpty()) {
                    run.warn(line, what + " has an invalid " + field + " " + abbreviate(value.toString()) + "; its time is unknown");
                }
                return time;
            }
        }
        run.warn(line, what + " has no " + String.join(" or ", fields) + "; its time is unknown");
        return Optional.empty();
    }

    private static Optional<Instant> generic(JsonNode event) {
        for (String field : GENERIC_TIME_FIELDS) {
            Optional<Instant> time = Timestamps.parse(event.get(field));
            if (time.isPresent()) {
                return time;
            }
        }
        return Optional.empty();
    }

    private void lakeRow(JsonNode row, long line) {
        run.decide(LogFormat.CLOUDTRAIL);
        if (!row.isArray()) {
            record(row, line);
            return;
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (JsonNode column : row) {
            if (!column.isObject()) {
                run.warn(line, "CloudTrail Lake result column is " + JsonTrees.kind(column) + ", not an object; skipped");
                continue;
            }
            for (Map.Entry<String, JsonNode> field : column.properties()) {
                event.set(field.getKey(), embeddedJson(field.getValue(), line));
            }
        }
        if (event.size() == 1) {
            JsonNode only = event.elements().next();
            if (only.isObject()) {
                record(only, line);
                return;
            }
        }
        record(event, line);
    }

    private void lookupEvent(JsonNode element, long line) {
        JsonNode text = element.get("CloudTrailEvent");
        if (text == null || !text.isTextual()) {
            record(element, line);
            return;
        }
        run.decide(LogFormat.CLOUDTRAIL);
        JsonNode parsed = embeddedJson(text, line);
        if (parsed.isObject()) {
            record(parsed, line);
        } else {
            run.warn(line, "CloudTrailEvent is not a JSON object; skipped");
        }
    }

    /** A string holding a JSON object or array, parsed; any other value as it is. */
    private JsonNode embeddedJson(JsonNode value, long line) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue().strip();
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return value;
        }
        try (JsonParser parser = trees.factory().createParser(text)) {
            parser.nextToken();
            JsonNode parsed = trees.read(parser);
            if (parsed == null || parser.nextToken() != null) {
                return value;
            }
            return parsed;
        } catch (JsonProcessingException e) {
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
