package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bulwark.detect.event.LogEvent;
import java.util.List;

/**
 * Reads a rule field from an event: the event field names it maps to (one unless a field mapping
 * names several), the first that is present winning. Each name resolves as {@link LogEvent#field}
 * does: a top-level key, then a dotted path.
 */
record FieldAccessor(String ruleField, List<String> eventFields) {
    FieldAccessor {
        eventFields = List.copyOf(eventFields);
    }

    JsonNode read(LogEvent event) {
        for (int i = 0; i < eventFields.size(); i++) {
            JsonNode value = event.field(eventFields.get(i));
            if (!value.isMissingNode()) {
                return value;
            }
        }
        return MissingNode.getInstance();
    }

    /** The identity of the read, for the rule index: rules reading the same names share a bucket. */
    String key() {
        return String.join("\u0000", eventFields);
    }
}
