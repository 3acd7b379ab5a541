package dev.bulwark.detect.correlation;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded Sigma correlation rule. The metadata is as written (validated like a detection rule's);
 * {@code custom} keeps every attribute the specification does not define ({@code response},
 * {@code tests} of the built-in rules) as plain maps, lists and scalars. {@code rules} are the
 * references as written (ids or names of detection rules or other correlations), in order;
 * {@code aliases} maps an alias name to the field it stands for in the events of each referenced
 * rule (by the reference as the alias writes it). {@code condition} is empty only for
 * {@code temporal} and {@code temporal_ordered} without one (every referenced rule must match).
 * Immutable and thread-safe.
 */
public record CorrelationRule(
        String title,
        Optional<String> id,
        Optional<String> name,
        Optional<String> status,
        Optional<String> description,
        List<String> references,
        Optional<String> author,
        Optional<String> date,
        Optional<String> modified,
        List<String> tags,
        Optional<String> level,
        List<String> falsepositives,
        CorrelationType type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Optional<CorrelationCondition> condition,
        Map<String, Map<String, String>> aliases,
        boolean generate,
        Map<String, Object> custom,
        SourceLocation location) {

    public CorrelationRule {
        requireNonNull(title, "title is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(description, "description is null");
        references = List.copyOf(references);
        requireNonNull(author, "author is null");
        requireNonNull(date, "date is null");
        requireNonNull(modified, "modified is null");
        tags = List.copyOf(tags);
        requireNonNull(level, "level is null");
        falsepositives = List.copyOf(falsepositives);
        requireNonNull(type, "type is null");
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        requireNonNull(timespan, "timespan is null");
        requireNonNull(condition, "condition is null");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((alias, fields) -> copy.put(alias, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        aliases = Collections.unmodifiableMap(copy);
        requireNonNull(custom, "custom is null");
        requireNonNull(location, "location is null");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a correlation references at least one rule");
        }
        if (timespan.isNegative() || timespan.isZero()) {
            throw new IllegalArgumentException("timespan must be positive: " + timespan);
        }
    }

    /** The id, else the name, else the title: how alerts and messages name the rule. */
    public String reference() {
        return id.or(() -> name).orElse(title);
    }
}
