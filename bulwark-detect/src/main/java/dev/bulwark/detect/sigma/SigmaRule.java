package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.detect.event.LogSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded and compiled Sigma detection rule. The metadata is as written (validated: the status
 * and level are among the specification's values, dates are {@code YYYY-MM-DD}); {@code custom}
 * keeps every attribute the specification does not define, and the optional ones it defines but
 * the engine does not use ({@code license}, {@code scope}, {@code taxonomy}), as plain maps, lists
 * and scalars; {@code logsourceAttributes} keeps the {@code logsource} entries besides product,
 * service and category ({@code definition}, custom ones). {@code detection} is compiled, with field mapping applied. {@code location} is the
 * start of the rule's YAML document. Immutable and thread-safe.
 */
public record SigmaRule(
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
        LogSource logsource,
        Map<String, Object> logsourceAttributes,
        Detection detection,
        List<String> falsepositives,
        List<String> fields,
        List<Related> related,
        Map<String, Object> custom,
        SourceLocation location) {

    /** An entry of {@code related}: another rule's id and how it relates (derived, obsolete, merged, renamed, similar). */
    public record Related(String id, String type) {
        public Related {
            requireNonNull(id, "id is null");
            requireNonNull(type, "type is null");
        }
    }

    public SigmaRule {
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
        requireNonNull(logsource, "logsource is null");
        requireNonNull(logsourceAttributes, "logsourceAttributes is null");
        requireNonNull(detection, "detection is null");
        falsepositives = List.copyOf(falsepositives);
        fields = List.copyOf(fields);
        related = List.copyOf(related);
        requireNonNull(custom, "custom is null");
        requireNonNull(location, "location is null");
    }

    /** The id, else the name, else the title: how messages and filters name the rule. */
    public String reference() {
        return id.or(() -> name).orElse(title);
    }

    /** This rule with {@code newDetection} (a filter applied). */
    SigmaRule withDetection(Detection newDetection) {
        return new SigmaRule(title, id, name, status, description, references, author, date, modified, tags, level,
                logsource, logsourceAttributes, newDetection, falsepositives, fields, related, custom, location);
    }
}
