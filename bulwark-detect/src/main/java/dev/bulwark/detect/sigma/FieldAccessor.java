package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bulwark.detect.event.FieldPath;
import dev.bulwark.detect.event.LogEvent;
import java.util.List;

/**
 * Reads a rule field from an event: the event field names it maps to (one unless a field mapping
 * names several), the first that is present winning. Each name is compiled once into a
 * {@link FieldPath} (keys holding dots, nested objects, arrays on the way).
 */
record FieldAccessor(String ruleField, List<String> eventFields, FieldPath[] paths) {
    FieldAccessor(String ruleField, List<String> eventFields) {
        this(ruleField, List.copyOf(eventFields), eventFields.stream().map(FieldPath::of).toArray(FieldPath[]::new));
    }

    JsonNode read(LogEvent event) {
        for (FieldPath path : paths) {
            JsonNode value = event.field(path);
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
