package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.detect.event.LogSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Sigma filter (Sigma Filters Specification): a detection that is ANDed to the condition of
 * every rule it names (by id or name), for rules whose log source its own log source covers. As
 * in pySigma, the filter's condition is what must also hold, so a filter that suppresses matches
 * says {@code condition: not selection}. Immutable and thread-safe.
 */
public record SigmaFilter(
        String title,
        Optional<String> id,
        Optional<String> name,
        Optional<String> description,
        Optional<String> date,
        Optional<String> modified,
        LogSource logsource,
        List<String> rules,
        Detection detection,
        Map<String, Object> custom,
        SourceLocation location) {
    public SigmaFilter {
        requireNonNull(title, "title is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(date, "date is null");
        requireNonNull(modified, "modified is null");
        requireNonNull(logsource, "logsource is null");
        rules = List.copyOf(rules);
        requireNonNull(detection, "detection is null");
        requireNonNull(custom, "custom is null");
        requireNonNull(location, "location is null");
    }

    public String reference() {
        return id.or(() -> name).orElse(title);
    }
}
