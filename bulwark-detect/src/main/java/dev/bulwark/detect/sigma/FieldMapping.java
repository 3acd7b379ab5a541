package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import dev.bulwark.detect.event.LogSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule field name → event field names, so rules written for one schema run on another. Applied
 * when a rule is compiled. A field mapped to several names reads the first one the event has.
 *
 * <p>The YAML form:
 * <pre>
 * fields:                      # for rules of every log source
 *   SourceIp: sourceIPAddress
 *   User: [userIdentity.userName, userIdentity.arn]
 * logsources:                  # for rules whose log source the entry's covers; later entries win
 *   - logsource: {product: aws, service: cloudtrail}
 *     fields:
 *       EventName: eventName
 * </pre>
 * Immutable and thread-safe.
 */
public final class FieldMapping {
    private static final FieldMapping NONE = new FieldMapping(Map.of(), List.of());

    private final Map<String, List<String>> global;
    private final List<Scoped> scoped;

    private record Scoped(LogSource logsource, Map<String, List<String>> fields) {}

    /** The mapping as loaded, and its problems (a mapping with problems maps nothing). */
    public record Result(FieldMapping mapping, List<SigmaProblem> problems) {
        public Result {
            requireNonNull(mapping, "mapping is null");
            problems = List.copyOf(problems);
        }
    }

    private FieldMapping(Map<String, List<String>> global, List<Scoped> scoped) {
        this.global = global;
        this.scoped = List.copyOf(scoped);
    }

    /** Every rule field reads the event field of the same name. */
    public static FieldMapping none() {
        return NONE;
    }

    /** One mapping for rules of every log source. */
    public static FieldMapping of(Map<String, List<String>> fields) {
        return new FieldMapping(copy(fields), List.of());
    }

    /** This mapping, and for rules whose log source {@code logsource} covers, {@code fields} on top. */
    public FieldMapping withLogSource(LogSource logsource, Map<String, List<String>> fields) {
        List<Scoped> more = new ArrayList<>(scoped);
        more.add(new Scoped(requireNonNull(logsource, "logsource is null"), copy(fields)));
        return new FieldMapping(global, more);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> fields) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        fields.forEach((rule, event) -> {
            if (event.isEmpty()) {
                throw new IllegalArgumentException("field " + rule + " is mapped to no event field");
            }
            result.put(rule, List.copyOf(event));
        });
        return Collections.unmodifiableMap(result);
    }

    /** The event field names that {@code ruleField} reads in a rule of log source {@code rule}. */
    public List<String> resolve(String ruleField, LogSource rule) {
        List<String> result = global.get(ruleField);
        for (Scoped entry : scoped) {
            if (entry.logsource().covers(rule)) {
                List<String> specific = entry.fields().get(ruleField);
                if (specific != null) {
                    result = specific;
                }
            }
        }
        return result == null ? List.of(ruleField) : result;
    }

    /** Reads a mapping file; never throws for bad input. */
    public static Result load(String text, String file) {
        List<SigmaProblem> problems = new ArrayList<>();
        YamlReader.Result read = YamlReader.defaults().withMaxDepth(16).read(text, file);
        if (read.error().isPresent()) {
            problems.add(new SigmaProblem(new SourceLocation(file, read.error().get().line(), read.error().get().column(),
                    read.error().get().line(), read.error().get().column()), read.error().get().getMessage()));
            return new Result(NONE, problems);
        }
        if (read.documents().size() != 1 || !(read.documents().get(0).root() instanceof YamlMap root)) {
            Span span = read.documents().isEmpty() ? new Span(1, 1, 1, 1) : read.documents().get(0).span();
            problems.add(new SigmaProblem(at(file, span), "a field mapping is one YAML map with 'fields' and/or 'logsources'"));
            return new Result(NONE, problems);
        }
        Map<String, List<String>> global = Map.of();
        List<Scoped> scoped = new ArrayList<>();
        for (Map.Entry<String, Object> entry : root.entrySet()) {
            Span span = root.entrySpan(entry.getKey());
            switch (entry.getKey()) {
                case "fields" -> global = fields(entry.getValue(), span, file, problems);
                case "logsources" -> {
                    if (!(entry.getValue() instanceof YamlList list)) {
                        problems.add(new SigmaProblem(at(file, span), "'logsources' must be a list"));
                        continue;
                    }
                    for (int i = 0; i < list.size(); i++) {
                        Span elementSpan = list.elementSpan(i);
                        if (!(list.get(i) instanceof YamlMap item) || !(item.get("logsource") instanceof YamlMap source)
                                || !item.containsKey("fields") || item.size() != 2) {
                            problems.add(new SigmaProblem(at(file, elementSpan),
                                    "each 'logsources' entry has exactly a 'logsource' map and 'fields'"));
                            continue;
                        }
                        LogSource logsource = LogSource.of(text(source.get("product")), text(source.get("service")),
                                text(source.get("category")));
                        scoped.add(new Scoped(logsource, fields(item.get("fields"), item.entrySpan("fields"), file, problems)));
                    }
                }
                default -> problems.add(new SigmaProblem(at(file, span),
                        "unknown key '" + entry.getKey() + "' in a field mapping (expected 'fields' or 'logsources')"));
            }
        }
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            return new Result(NONE, problems);
        }
        return new Result(new FieldMapping(global, scoped), problems);
    }

    private static Map<String, List<String>> fields(Object value, Span span, String file, List<SigmaProblem> problems) {
        if (!(value instanceof YamlMap map)) {
            problems.add(new SigmaProblem(at(file, span), "'fields' must map rule field names to event field names"));
            return Map.of();
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Span entrySpan = map.entrySpan(entry.getKey());
            List<String> targets = new ArrayList<>();
            if (entry.getValue() instanceof String single) {
                targets.add(single);
            } else if (entry.getValue() instanceof YamlList list && !list.isEmpty()
                    && list.stream().allMatch(element -> element instanceof String)) {
                list.forEach(element -> targets.add((String) element));
            } else {
                problems.add(new SigmaProblem(at(file, entrySpan),
                        "field '" + entry.getKey() + "' must map to an event field name or a non-empty list of names"));
                continue;
            }
            if (targets.stream().anyMatch(String::isBlank)) {
                problems.add(new SigmaProblem(at(file, entrySpan), "field '" + entry.getKey() + "' maps to an empty name"));
                continue;
            }
            result.put(entry.getKey(), List.copyOf(targets));
        }
        return Collections.unmodifiableMap(result);
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    static SourceLocation at(String file, Span span) {
        return new SourceLocation(file, span.startLine(), span.startColumn(), span.endLine(), span.endColumn());
    }
}
