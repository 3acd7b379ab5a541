package dev.bulwark.detect.alert;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Severity;
import dev.bulwark.core.findings.Fingerprints;
import dev.bulwark.detect.event.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A detection: which rule fired, on which events, for which group and time window. A detection
 * rule's alert holds the one event that matched; a correlation's holds the events that made it
 * up (the first {@link #MAX_EVIDENCE}, with {@code eventCount} saying how many there were).
 * {@code groupBy} holds the correlation's group-by field values in rule order. The fingerprint
 * is the rule and the group (for a single-event alert, the rule and the event's origin), so
 * dedup and throttling can key on it. Immutable.
 *
 * @param time when it happened: the matched event's time, or the end of the correlation window
 * @param window the correlation's window, empty for a single-event alert
 */
public record Alert(
        String ruleId,
        String title,
        Severity severity,
        List<String> tags,
        String description,
        Instant time,
        Optional<Window> window,
        Map<String, String> groupBy,
        List<LogEvent> events,
        long eventCount,
        Optional<String> correlationType,
        Optional<Playbook> playbook,
        String fingerprint) {
    /** Events kept as evidence of one alert. */
    public static final int MAX_EVIDENCE = 20;

    /** The span of events a correlation counted. */
    public record Window(Instant start, Instant end) {
        public Window {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        }
    }

    public Alert {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(title, "title is null");
        requireNonNull(severity, "severity is null");
        tags = List.copyOf(tags);
        description = description == null ? "" : description;
        requireNonNull(time, "time is null");
        requireNonNull(window, "window is null");
        groupBy = Collections.unmodifiableMap(new LinkedHashMap<>(groupBy));
        events = List.copyOf(events.size() > MAX_EVIDENCE ? events.subList(0, MAX_EVIDENCE) : events);
        requireNonNull(correlationType, "correlationType is null");
        requireNonNull(playbook, "playbook is null");
        requireNonNull(fingerprint, "fingerprint is null");
    }

    /** An alert of a detection rule on one event. */
    public static Alert single(String ruleId, String title, Severity severity, List<String> tags, String description, LogEvent event,
                               Optional<Playbook> playbook) {
        Instant time = event.time().orElse(Instant.EPOCH);
        return new Alert(ruleId, title, severity, tags, description, time, Optional.empty(), Map.of(), List.of(event), 1,
                Optional.empty(), playbook, Fingerprints.of(ruleId, event.origin(), Long.toString(event.line()), ""));
    }

    /** An alert of a correlation rule over a group's events. */
    public static Alert correlated(String ruleId, String title, Severity severity, List<String> tags, String description,
                                   String type, Window window, Map<String, String> groupBy, List<LogEvent> events, long eventCount,
                                   Optional<Playbook> playbook) {
        StringBuilder group = new StringBuilder();
        for (Map.Entry<String, String> entry : groupBy.entrySet()) {
            group.append(entry.getKey()).append('=').append(entry.getValue()).append('\u0000');
        }
        return new Alert(ruleId, title, severity, tags, description, window.end(), Optional.of(window), groupBy, events, eventCount,
                Optional.of(type), playbook, Fingerprints.of(ruleId, "", type, group.toString()));
    }

    /** The Sigma level as a Bulwark severity: informational is info. */
    public static Severity severityOf(String level) {
        return switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            default -> Severity.INFO;
        };
    }

    /** Where the evidence comes from: the first event's {@code origin:line}. */
    public String location() {
        return events.isEmpty() ? "" : events.get(0).location();
    }

    /** The group as {@code field=value, ...}, empty without group-by. */
    public String groupText() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> entry : groupBy.entrySet()) {
            parts.add(entry.getKey() + "=" + entry.getValue());
        }
        return String.join(", ", parts);
    }
}
