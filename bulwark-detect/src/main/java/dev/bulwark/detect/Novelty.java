package dev.bulwark.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.detect.event.FieldPath;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.sigma.SigmaRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "First seen" detection, which Sigma cannot express: a rule with Bulwark's {@code novelty}
 * attribute alerts only when its event brings a value of {@code field} that its group has not
 * shown before (an identity calling from a new region, with a new user agent):
 *
 * <pre>
 * novelty:
 *   field: awsRegion
 *   group-by: [userIdentity.arn]
 *   learning: 24h     # the first day of events builds the baseline, without alerts
 * </pre>
 *
 * The attribute is a custom one, so the rule stays valid Sigma (other tools alert on every match).
 * Memory is bounded: at most {@value #MAX_GROUPS} groups per rule and {@value #MAX_VALUES} values
 * per group are remembered; beyond, the least recently seen group is forgotten. Not thread-safe;
 * one per stream.
 */
final class Novelty {
    static final int MAX_GROUPS = 100_000;
    static final int MAX_VALUES = 256;

    /** A rule's novelty settings. */
    record Spec(FieldPath field, List<FieldPath> groupBy, Duration learning) {}

    private final Map<String, Spec> specs = new HashMap<>();
    /** Per rule, per group: the values seen, least recently used group first. */
    private final Map<String, LinkedHashMap<String, Set<String>>> seen = new HashMap<>();
    private final Map<String, Instant> learntAt = new HashMap<>();
    private Instant first;

    /**
     * The rule's settings, or empty when it has none.
     *
     * @throws IllegalArgumentException with the reason when the attribute is malformed
     */
    static Optional<Spec> spec(SigmaRule rule) {
        Object value = rule.custom().get("novelty");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map) || !(map.get("field") instanceof String field) || field.isBlank()) {
            throw new IllegalArgumentException("'novelty' needs a 'field' (and optionally 'group-by' and 'learning')");
        }
        List<FieldPath> groupBy = new ArrayList<>();
        Object groups = map.get("group-by");
        if (groups instanceof List<?> list) {
            for (Object group : list) {
                groupBy.add(FieldPath.of(String.valueOf(group)));
            }
        } else if (groups != null) {
            groupBy.add(FieldPath.of(String.valueOf(groups)));
        }
        Duration learning = Duration.ZERO;
        if (map.get("learning") != null) {
            String text = String.valueOf(map.get("learning")).strip();
            learning = Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                    "'novelty.learning' is a duration such as 12h or 7d, not '" + text + "'"));
        }
        return Optional.of(new Spec(FieldPath.of(field), groupBy, learning));
    }

    void add(String rule, Spec spec) {
        specs.put(rule, spec);
        seen.put(rule, new LinkedHashMap<>(64, 0.75f, true));
    }

    boolean governs(String rule) {
        return specs.containsKey(rule);
    }

    /** Whether the rule's match on {@code event} is new for its group (and the baseline is learnt); remembers the value. */
    boolean isNew(String rule, LogEvent event) {
        Spec spec = specs.get(rule);
        Instant time = event.time().orElse(first == null ? Instant.EPOCH : first);
        if (first == null) {
            first = time;
        }
        String value = text(event.field(spec.field()));
        if (value == null) {
            return false;
        }
        String key = groupKey(spec, event);
        LinkedHashMap<String, Set<String>> groups = seen.get(rule);
        Set<String> values = groups.get(key);
        if (values == null) {
            values = new HashSet<>(4);
            groups.put(key, values);
            if (groups.size() > MAX_GROUPS) {
                groups.remove(groups.keySet().iterator().next());
            }
        }
        if (values.contains(value)) {
            return false;
        }
        if (values.size() < MAX_VALUES) {
            values.add(value);
        }
        Instant learnt = learntAt.computeIfAbsent(rule, ignored -> first.plus(spec.learning()));
        // A group never seen before has no baseline: its first value is learnt, not reported.
        return !time.isBefore(learnt) && values.size() > 1;
    }

    private static String groupKey(Spec spec, LogEvent event) {
        if (spec.groupBy().size() == 1) {
            String part = text(event.field(spec.groupBy().get(0)));
            return part == null ? "" : part;
        }
        StringBuilder key = new StringBuilder();
        for (FieldPath group : spec.groupBy()) {
            String part = text(event.field(group));
            key.append(part == null ? "" : part).append('\u0000');
        }
        return key.toString();
    }

    /** The group-by values of the rule's event, in order, for the alert. */
    Map<String, String> group(String rule, LogEvent event) {
        Spec spec = specs.get(rule);
        Map<String, String> group = new LinkedHashMap<>();
        for (FieldPath path : spec.groupBy()) {
            String part = text(event.field(path));
            group.put(path.name(), part == null ? "" : part);
        }
        String value = text(event.field(spec.field()));
        group.put(spec.field().name(), value == null ? "" : value);
        return group;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }
}
