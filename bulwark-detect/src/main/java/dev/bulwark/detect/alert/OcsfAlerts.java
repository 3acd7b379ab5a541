package dev.bulwark.detect.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.detect.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alerts as OCSF 1.3 Detection Findings (class 2004), one JSON object per alert, for JSON lines
 * output, webhooks and command hooks. The events are the {@code evidences} (each event's JSON
 * as {@code data}, with where it was read); the Sigma ATT&CK tags become {@code attacks}; the
 * correlation's group, window and count, and the response playbook, go where OCSF has no field
 * for them: {@code unmapped}. Stateless and thread-safe.
 */
public final class OcsfAlerts {
    static final int CLASS_UID = 2004;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String toolVersion;

    public OcsfAlerts(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    /** The alert as one line of JSON, without a line break. */
    public String line(Alert alert) {
        try {
            return JSON.writeValueAsString(object(alert));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an alert could not be written as JSON", e);
        }
    }

    public ObjectNode object(Alert alert) {
        ObjectNode event = JSON.createObjectNode();
        event.put("activity_id", 1);
        event.put("activity_name", "Create");
        event.put("category_uid", 2);
        event.put("category_name", "Findings");
        event.put("class_uid", CLASS_UID);
        event.put("class_name", "Detection Finding");
        event.put("type_uid", CLASS_UID * 100 + 1);
        event.put("type_name", "Detection Finding: Create");
        event.put("severity_id", alert.severity().ocsfId());
        event.put("severity", alert.severity() == dev.bulwark.core.Severity.INFO ? "Informational" : capitalized(alert.severity().name()));
        event.put("status_id", 1);
        event.put("status", "New");
        event.put("time", alert.time().toEpochMilli());
        alert.window().ifPresent(window -> {
            event.put("start_time", window.start().toEpochMilli());
            event.put("end_time", window.end().toEpochMilli());
        });
        event.put("message", message(alert));
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("version", "1.3.0");
        metadata.putObject("product").put("name", "Bulwark").put("vendor_name", "Bulwark").put("version", toolVersion);

        ObjectNode info = event.putObject("finding_info");
        info.put("uid", alert.fingerprint());
        info.put("title", alert.title());
        if (!alert.description().isBlank()) {
            info.put("desc", alert.description().strip());
        }
        info.putArray("types").add(alert.correlationType().isPresent() ? "Correlation" : "Detection");
        info.putObject("analytic").put("uid", alert.ruleId()).put("name", alert.title()).put("type_id", 1).put("type", "Rule");
        ArrayNode attacks = attacks(alert.tags());
        if (!attacks.isEmpty()) {
            info.set("attacks", attacks);
        }
        if (!alert.events().isEmpty()) {
            alert.events().get(0).time().ifPresent(time -> info.put("first_seen_time", time.toEpochMilli()));
            alert.events().get(alert.events().size() - 1).time().ifPresent(time -> info.put("last_seen_time", time.toEpochMilli()));
        }

        ArrayNode evidences = event.putArray("evidences");
        for (LogEvent evidence : alert.events()) {
            ObjectNode entry = evidences.addObject();
            entry.set("data", evidence.body());
            entry.put("location", evidence.location());
            entry.put("log_source", evidence.source().toString());
        }
        ObjectNode unmapped = event.putObject("unmapped");
        unmapped.put("event_count", alert.eventCount());
        alert.correlationType().ifPresent(type -> unmapped.put("correlation_type", type));
        if (!alert.groupBy().isEmpty()) {
            ObjectNode group = unmapped.putObject("group_by");
            for (Map.Entry<String, String> entry : alert.groupBy().entrySet()) {
                group.put(entry.getKey(), entry.getValue());
            }
        }
        alert.playbook().ifPresent(playbook -> {
            ObjectNode response = unmapped.putObject("response");
            response.put("summary", playbook.summary());
            ArrayNode steps = response.putArray("steps");
            playbook.steps().forEach(steps::add);
            ArrayNode commands = response.putArray("commands");
            playbook.commands().forEach(commands::add);
        });
        return event;
    }

    /** One sentence: the title, the group and the count. */
    public static String message(Alert alert) {
        StringBuilder text = new StringBuilder(alert.title());
        if (!alert.groupBy().isEmpty()) {
            text.append(" (").append(alert.groupText()).append(')');
        }
        if (alert.correlationType().isPresent()) {
            text.append(": ").append(alert.eventCount()).append(alert.eventCount() == 1 ? " event" : " events");
            alert.window().ifPresent(window -> text.append(" from ").append(window.start()).append(" to ").append(window.end()));
        }
        return text.toString();
    }

    /** ATT&CK tags ({@code attack.t1078.004}, {@code attack.initial_access}) as OCSF attacks: one per technique, with the tactics. */
    static ArrayNode attacks(List<String> tags) {
        List<String> tactics = new ArrayList<>();
        List<String> techniques = new ArrayList<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("attack.")) {
                continue;
            }
            String value = lower.substring("attack.".length());
            if (value.matches("t\\d{4}(\\.\\d{3})?")) {
                techniques.add(value.toUpperCase(Locale.ROOT));
            } else if (value.matches("[a-z_]+") && !value.matches("[gs]\\d+")) {
                tactics.add(tacticName(value));
            }
        }
        ArrayNode attacks = JSON.createArrayNode();
        for (String technique : techniques) {
            ObjectNode attack = attacks.addObject();
            attack.putObject("technique").put("uid", technique);
            ArrayNode tacticNodes = attack.putArray("tactics");
            for (String tactic : tactics) {
                tacticNodes.addObject().put("name", tactic);
            }
            attack.put("version", "16");
        }
        return attacks;
    }

    private static String tacticName(String tag) {
        StringBuilder name = new StringBuilder();
        for (String word : tag.split("_")) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(word.equals("and") ? word : capitalized(word));
        }
        return name.toString();
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT);
    }
}
