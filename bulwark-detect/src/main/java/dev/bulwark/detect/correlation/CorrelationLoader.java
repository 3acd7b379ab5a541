package dev.bulwark.detect.correlation;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.Durations;
import dev.bulwark.detect.sigma.SigmaRule;
import dev.bulwark.detect.sigma.SigmaValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads correlation documents ({@link SigmaLoader.Result#correlations()}) and resolves them against
 * the whole rule set: a correlation names detection rules and other correlations by id or name,
 * possibly in other files, so references, aliases and cycles are checked only once everything is
 * loaded. Every problem is a located {@link SigmaProblem}; a rejected correlation is left out, and
 * so is any correlation that references it (with its own message). Never throws for bad input.
 *
 * <pre>{@code
 * List<SigmaLoader.Result> files = ...;                       // one SigmaLoader.load per file
 * CorrelationSet set = CorrelationLoader.resolve(files);
 * set.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CorrelationLoader {
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Pattern DATE = Pattern.compile("\\d{4}([-/])\\d{2}\\1\\d{2}");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([a-zA-Z]+)");
    private static final Set<String> KEYS = Set.of("title", "id", "name", "status", "description", "references", "author",
            "date", "modified", "tags", "level", "falsepositives", "correlation", "generate", "action");
    private static final Set<String> SECTION_KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");
    private static final Map<String, CorrelationCondition.Operator> OPERATORS = Map.of(
            "gt", CorrelationCondition.Operator.GT, "gte", CorrelationCondition.Operator.GTE,
            "lt", CorrelationCondition.Operator.LT, "lte", CorrelationCondition.Operator.LTE,
            "eq", CorrelationCondition.Operator.EQ, "neq", CorrelationCondition.Operator.NEQ);
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 65_535;
    private static final Duration MAX_TIMESPAN = Duration.ofDays(366);
    private static final int DEFAULT_PERCENTILE = 50;

    private CorrelationLoader() {}

    /** Reads and resolves the correlations of several loads against all their rules. */
    public static CorrelationSet resolve(List<SigmaLoader.Result> loads) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaLoader.CorrelationDocument> documents = new ArrayList<>();
        for (SigmaLoader.Result load : loads) {
            rules.addAll(load.rules());
            documents.addAll(load.correlations());
        }
        return resolve(rules, documents);
    }

    /** Reads {@code documents} and resolves their references against {@code rules} and each other. */
    public static CorrelationSet resolve(List<SigmaRule> rules, List<SigmaLoader.CorrelationDocument> documents) {
        List<SigmaProblem> problems = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (SigmaLoader.CorrelationDocument document : documents) {
            Parsed correlation = new Reader(document.file(), document.map(), problems).read();
            if (correlation != null) {
                parsed.add(correlation);
            }
        }
        return link(rules, parsed, problems);
    }

    /** A correlation read from its document, with the spans its resolution problems point at. */
    record Parsed(CorrelationRule rule, String file, List<Span> ruleSpans, Map<String, Map<String, Span>> aliasSpans, Span span) {}

    private static CorrelationSet link(List<SigmaRule> rules, List<Parsed> parsed, List<SigmaProblem> problems) {
        Map<String, SigmaRule> sigmaByReference = new HashMap<>();
        for (SigmaRule rule : rules) {
            rule.id().ifPresent(id -> sigmaByReference.putIfAbsent(id, rule));
            rule.name().ifPresent(name -> sigmaByReference.putIfAbsent(name, rule));
        }
        Map<String, Parsed> correlationByReference = new HashMap<>();
        List<Parsed> unique = new ArrayList<>();
        for (Parsed correlation : parsed) {
            String clash = null;
            for (Optional<String> key : List.of(correlation.rule.id(), correlation.rule.name())) {
                if (key.isEmpty()) {
                    continue;
                }
                if (sigmaByReference.containsKey(key.get())) {
                    clash = "'" + key.get() + "' is already the id or name of rule '" + sigmaByReference.get(key.get()).title() + "' ("
                            + sigmaByReference.get(key.get()).location() + ")";
                } else if (correlationByReference.containsKey(key.get())) {
                    clash = "'" + key.get() + "' is already the id or name of correlation '"
                            + correlationByReference.get(key.get()).rule.title() + "' (" + correlationByReference.get(key.get()).rule.location() + ")";
                }
            }
            if (clash != null) {
                problems.add(new SigmaProblem(at(correlation.file, correlation.span), clash + "; this correlation is not loaded"));
                continue;
            }
            correlation.rule.id().ifPresent(id -> correlationByReference.put(id, correlation));
            correlation.rule.name().ifPresent(name -> correlationByReference.put(name, correlation));
            unique.add(correlation);
        }

        // References and aliases, each correlation on its own.
        Map<Parsed, Object[]> targets = new LinkedHashMap<>();
        for (Parsed correlation : unique) {
            List<String> references = correlation.rule.rules();
            Object[] resolved = new Object[references.size()];
            boolean failed = false;
            for (int i = 0; i < references.size(); i++) {
                String reference = references.get(i);
                Object target = sigmaByReference.containsKey(reference) ? sigmaByReference.get(reference) : correlationByReference.get(reference);
                if (target == null) {
                    problems.add(new SigmaProblem(at(correlation.file, correlation.ruleSpans.get(i)),
                            "correlation '" + correlation.rule.title() + "' references '" + reference
                                    + "', which is no loaded rule or correlation (by id or name)"));
                    failed = true;
                }
                resolved[i] = target;
            }
            for (Map.Entry<String, Map<String, String>> alias : correlation.rule.aliases().entrySet()) {
                for (String named : alias.getValue().keySet()) {
                    if (!references.contains(named) && !namesAnyOf(named, resolved)) {
                        problems.add(new SigmaProblem(at(correlation.file, correlation.aliasSpans.get(alias.getKey()).get(named)),
                                "alias '" + alias.getKey() + "' names rule '" + named + "', which the correlation does not reference"));
                        failed = true;
                    }
                }
            }
            if (!failed) {
                targets.put(correlation, resolved);
            }
        }

        // Cycles between correlations.
        Map<Parsed, Integer> color = new HashMap<>();
        for (Parsed correlation : new ArrayList<>(targets.keySet())) {
            List<Parsed> path = new ArrayList<>();
            findCycle(correlation, targets, correlationByReference, color, path, problems);
        }

        // A correlation that references a rejected one is rejected too, until nothing changes.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Parsed, Object[]> entry : new ArrayList<>(targets.entrySet())) {
                Object[] resolved = entry.getValue();
                for (int i = 0; i < resolved.length; i++) {
                    if (resolved[i] instanceof Parsed inner && !targets.containsKey(inner)) {
                        problems.add(new SigmaProblem(at(entry.getKey().file, entry.getKey().ruleSpans.get(i)),
                                "correlation '" + entry.getKey().rule.title() + "' references correlation '" + inner.rule.title()
                                        + "', which is not loaded"));
                        targets.remove(entry.getKey());
                        changed = true;
                        break;
                    }
                }
            }
        }

        List<CorrelationRule> loaded = new ArrayList<>();
        Map<CorrelationRule, List<Object>> references = new LinkedHashMap<>();
        for (Map.Entry<Parsed, Object[]> entry : targets.entrySet()) {
            List<Object> resolved = new ArrayList<>();
            for (Object target : entry.getValue()) {
                resolved.add(target instanceof Parsed inner ? inner.rule : target);
            }
            loaded.add(entry.getKey().rule);
            references.put(entry.getKey().rule, resolved);
        }
        return new CorrelationSet(rules, loaded, references, problems);
    }

    private static boolean namesAnyOf(String named, Object[] resolved) {
        for (Object target : resolved) {
            if (target instanceof SigmaRule rule && (rule.id().equals(Optional.of(named)) || rule.name().equals(Optional.of(named)))) {
                return true;
            }
            if (target instanceof Parsed inner && (inner.rule.id().equals(Optional.of(named)) || inner.rule.name().equals(Optional.of(named)))) {
                return true;
            }
        }
        return false;
    }

    /** Depth-first search: 1 on the current path, 2 finished. Reports each cycle once, at the correlation that closes it. */
    private static void findCycle(Parsed correlation, Map<Parsed, Object[]> targets, Map<String, Parsed> byReference,
                                  Map<Parsed, Integer> color, List<Parsed> path, List<SigmaProblem> problems) {
        Integer state = color.get(correlation);
        if (state != null && state == 2) {
            return;
        }
        if (state != null && state == 1) {
            int start = path.indexOf(correlation);
            List<String> names = new ArrayList<>();
            for (Parsed member : path.subList(start, path.size())) {
                names.add(member.rule.reference());
            }
            names.add(correlation.rule.reference());
            for (Parsed member : path.subList(start, path.size())) {
                if (targets.remove(member) != null) {
                    problems.add(new SigmaProblem(at(member.file, member.span),
                            "correlation '" + member.rule.title() + "' is part of a cycle of correlations: " + String.join(" -> ", names)));
                }
            }
            return;
        }
        color.put(correlation, 1);
        path.add(correlation);
        Object[] resolved = targets.get(correlation);
        if (resolved != null) {
            for (Object target : resolved) {
                if (target instanceof Parsed inner) {
                    findCycle(inner, targets, byReference, color, path, problems);
                }
            }
        }
        path.remove(path.size() - 1);
        color.put(correlation, 2);
    }

    /** "a temporal", "an event_count". */
    private static String article(CorrelationType type) {
        return ("aeiou".indexOf(type.text().charAt(0)) >= 0 ? "an " : "a ") + type.text();
    }

    private static SourceLocation at(String file, Span span) {
        return new SourceLocation(file, span.startLine(), span.startColumn(), span.endLine(), span.endColumn());
    }

    /** Reads one document, reporting each problem at its entry. */
    private static final class Reader {
        private final String file;
        private final YamlMap map;
        private final List<SigmaProblem> problems;
        private final int before;

        Reader(String file, YamlMap map, List<SigmaProblem> problems) {
            this.file = file;
            this.map = map;
            this.problems = problems;
            this.before = problems.size();
        }

        Parsed read() {
            String title = title();
            Optional<String> id = text(map, "id");
            Optional<String> name = text(map, "name");
            Optional<String> status = oneOf("status", STATUSES);
            Optional<String> description = text(map, "description");
            if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
                problem(map, "description", "the description is longer than " + MAX_DESCRIPTION + " characters");
            }
            List<String> references = texts(map, "references");
            Optional<String> author = text(map, "author");
            Optional<String> date = date("date");
            Optional<String> modified = date("modified");
            List<String> tags = texts(map, "tags");
            Optional<String> level = oneOf("level", LEVELS);
            List<String> falsepositives = texts(map, "falsepositives");
            boolean generate = flag(map, "generate");

            for (String key : List.of("detection", "filter")) {
                if (map.containsKey(key)) {
                    problem(map, key, "a correlation rule has no '" + key + "': put the detection in a rule of its own and reference it");
                }
            }
            Object value = map.get("correlation");
            if (!(value instanceof YamlMap section)) {
                problem(map, "correlation", "correlation must be a map with type, rules, group-by, timespan and condition");
                return null;
            }
            for (String key : section.keySet()) {
                if (!SECTION_KEYS.contains(key)) {
                    problem(section, key, "unknown correlation attribute '" + key + "' (one of "
                            + String.join(", ", new TreeSet<>(SECTION_KEYS)) + ")");
                }
            }
            generate |= flag(section, "generate");
            CorrelationType type = type(section);
            List<Span> ruleSpans = new ArrayList<>();
            List<String> rules = rules(section, type, ruleSpans);
            List<String> groupBy = groupBy(section);
            Duration timespan = timespan(section);
            Optional<CorrelationCondition> condition = type == null ? Optional.empty() : condition(section, type);
            Map<String, Map<String, Span>> aliasSpans = new LinkedHashMap<>();
            Map<String, Map<String, String>> aliases = aliases(section, aliasSpans);
            if (problems.size() != before || title == null || type == null || rules.isEmpty() || timespan == null) {
                return null;
            }
            CorrelationRule rule = new CorrelationRule(title, id, name, status, description, references, author, date, modified, tags,
                    level, falsepositives, type, rules, groupBy, timespan, condition, aliases, generate, custom(), at(file, map.span()));
            return new Parsed(rule, file, ruleSpans, aliasSpans, map.span());
        }

        private void problem(YamlMap where, String key, String message) {
            Span span = where.entrySpan(key);
            problems.add(new SigmaProblem(at(file, span == null ? where.span() : span), message));
        }

        private String title() {
            Object value = map.get("title");
            if (!(value instanceof String title) || title.isBlank()) {
                if (value == null) {
                    problems.add(new SigmaProblem(at(file, map.span()), "the correlation has no title"));
                } else {
                    problem(map, "title", "title must be a non-empty string");
                }
                return null;
            }
            if (title.length() > MAX_TITLE) {
                problem(map, "title", "the title is longer than " + MAX_TITLE + " characters");
                return null;
            }
            return title;
        }

        private Optional<String> text(YamlMap where, String key) {
            Object value = where.get(key);
            if (value == null || isNull(value)) {
                return Optional.empty();
            }
            if (value instanceof String text) {
                return Optional.of(text);
            }
            if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                return Optional.of(value.toString());
            }
            problem(where, key, "'" + key + "' must be a string");
            return Optional.empty();
        }

        private Optional<String> oneOf(String key, Set<String> allowed) {
            Optional<String> value = text(map, key);
            if (value.isPresent() && !allowed.contains(value.get())) {
                problem(map, key, "'" + key + "' must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", not '" + value.get() + "'");
                return Optional.empty();
            }
            return value;
        }

        private Optional<String> date(String key) {
            Optional<String> value = text(map, key);
            if (value.isPresent() && !DATE.matcher(value.get()).matches()) {
                problem(map, key, "'" + key + "' must be a date written YYYY-MM-DD, not '" + value.get() + "'");
                return Optional.empty();
            }
            return value;
        }

        private List<String> texts(YamlMap where, String key) {
            Object value = where.get(key);
            if (value == null || isNull(value)) {
                return List.of();
            }
            Optional<List<String>> texts = SigmaValues.strings(value);
            if (texts.isEmpty()) {
                problem(where, key, "'" + key + "' must be a list of strings");
                return List.of();
            }
            return texts.get();
        }

        private boolean flag(YamlMap where, String key) {
            Object value = where.get(key);
            if (value == null || isNull(value)) {
                return false;
            }
            if (value instanceof Boolean bool) {
                return bool;
            }
            problem(where, key, "'" + key + "' must be true or false, not '" + value + "'");
            return false;
        }

        private CorrelationType type(YamlMap section) {
            Object value = section.get("type");
            if (value == null) {
                problems.add(new SigmaProblem(at(file, map.entrySpan("correlation")), "the correlation has no type"));
                return null;
            }
            Optional<CorrelationType> type = value instanceof String text ? CorrelationType.of(text) : Optional.empty();
            if (type.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (CorrelationType known : CorrelationType.values()) {
                    names.add(known.text());
                }
                problem(section, "type", "unknown correlation type '" + value + "' (one of " + String.join(", ", names) + ")");
                return null;
            }
            return type.get();
        }

        private List<String> rules(YamlMap section, CorrelationType type, List<Span> spans) {
            Object value = section.get("rules");
            List<String> rules = new ArrayList<>();
            if (value instanceof String single && !single.isBlank()) {
                rules.add(single);
                spans.add(section.entrySpan("rules"));
            } else if (value instanceof YamlList list && !list.isEmpty()) {
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String reference) || reference.isBlank()) {
                        problems.add(new SigmaProblem(at(file, list.elementSpan(i)), "each entry of 'rules' must be a rule id or name"));
                        return List.of();
                    }
                    if (rules.contains(reference) && type != CorrelationType.TEMPORAL_ORDERED) {
                        problems.add(new SigmaProblem(at(file, list.elementSpan(i)), "rule '" + reference + "' is listed twice"));
                        return List.of();
                    }
                    rules.add(reference);
                    spans.add(list.elementSpan(i));
                }
            } else {
                Span span = section.containsKey("rules") ? section.entrySpan("rules") : map.entrySpan("correlation");
                problems.add(new SigmaProblem(at(file, span), "correlation 'rules' must name the rules it correlates: an id or name, or a list of them"));
                return List.of();
            }
            if ((type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED) && rules.size() < 2) {
                problem(section, "rules", article(type) + " correlation needs at least two rules");
                return List.of();
            }
            return rules;
        }

        private List<String> groupBy(YamlMap section) {
            List<String> fields = texts(section, "group-by");
            Set<String> seen = new HashSet<>();
            for (String field : fields) {
                if (field.isBlank() || !seen.add(field)) {
                    problem(section, "group-by", field.isBlank() ? "a group-by field name is empty" : "group-by names '" + field + "' twice");
                    return List.of();
                }
            }
            return fields;
        }

        private Duration timespan(YamlMap section) {
            Object value = section.get("timespan");
            if (value == null) {
                problems.add(new SigmaProblem(at(file, map.entrySpan("correlation")), "the correlation has no timespan"));
                return null;
            }
            Matcher matcher = TIMESPAN.matcher(String.valueOf(value));
            if (!(value instanceof String) || !matcher.matches()) {
                problem(section, "timespan", "timespan must be a number and a unit (s, m, h or d), like 90m, not '" + value + "'");
                return null;
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2);
            Duration duration = Durations.of(amount, unit).orElse(null);
            if (duration == null) {
                String hint = unit.equals("w") ? "; write 7d for a week" : unit.equals(unit.toLowerCase(Locale.ROOT)) ? "" : "; units are lower-case";
                problem(section, "timespan", "timespan unit '" + unit + "' is not one of s, m, h, d" + hint);
                return null;
            }
            if (amount == 0 || duration.compareTo(MAX_TIMESPAN) > 0) {
                problem(section, "timespan", "timespan must be more than 0 and at most 366d, not '" + value + "'");
                return null;
            }
            return duration;
        }

        private Optional<CorrelationCondition> condition(YamlMap section, CorrelationType type) {
            Object value = section.get("condition");
            if (value == null) {
                if (type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED) {
                    return Optional.empty();
                }
                problems.add(new SigmaProblem(at(file, map.entrySpan("correlation")), article(type) + " correlation needs a condition"));
                return Optional.empty();
            }
            if (!(value instanceof YamlMap condition)) {
                problem(section, "condition", "condition must be a map of gt, gte, lt, lte, eq or neq to a number");
                return Optional.empty();
            }
            if (type == CorrelationType.TEMPORAL_ORDERED) {
                problem(section, "condition", "a temporal_ordered correlation takes no condition: every rule must match, in order");
                return Optional.empty();
            }
            int count = problems.size();
            Map<CorrelationCondition.Operator, CorrelationCondition.Comparison> comparisons = new EnumMap<>(CorrelationCondition.Operator.class);
            Optional<String> field = Optional.empty();
            int percentile = DEFAULT_PERCENTILE;
            for (Map.Entry<String, Object> entry : condition.entrySet()) {
                String key = entry.getKey();
                Object bound = entry.getValue();
                if (OPERATORS.containsKey(key)) {
                    if (!(bound instanceof Long) && !(bound instanceof Double)) {
                        problem(condition, key, "'" + key + "' needs a number, not '" + bound + "'");
                        continue;
                    }
                    CorrelationCondition.Operator operator = OPERATORS.get(key);
                    comparisons.put(operator, new CorrelationCondition.Comparison(operator, ((Number) bound).doubleValue()));
                } else if (key.equals("field")) {
                    if (!type.needsField()) {
                        problem(condition, key, "'field' applies to value_count, value_sum, value_avg and value_percentile, not " + type.text());
                    } else if (!(bound instanceof String name) || name.isBlank()) {
                        problem(condition, key, "'field' must be a field name");
                    } else {
                        field = Optional.of(name);
                    }
                } else if (key.equals("percentile")) {
                    if (type != CorrelationType.VALUE_PERCENTILE) {
                        problem(condition, key, "'percentile' applies to value_percentile only");
                    } else if (!(bound instanceof Long number) || number < 0 || number > 100) {
                        problem(condition, key, "'percentile' must be a whole number from 0 to 100, not '" + bound + "'");
                    } else {
                        percentile = number.intValue();
                    }
                } else {
                    problem(condition, key, "unknown condition key '" + key + "' (gt, gte, lt, lte, eq, neq, field, percentile)");
                }
            }
            if (problems.size() != count) {
                return Optional.empty();
            }
            if (comparisons.isEmpty()) {
                problem(section, "condition", "the condition needs a comparison: gt, gte, lt, lte, eq or neq");
                return Optional.empty();
            }
            if (type.needsField() && field.isEmpty()) {
                problem(section, "condition", article(type) + " correlation needs the 'field' it measures in its condition");
                return Optional.empty();
            }
            return Optional.of(new CorrelationCondition(new ArrayList<>(comparisons.values()), field, percentile));
        }

        private Map<String, Map<String, String>> aliases(YamlMap section, Map<String, Map<String, Span>> spans) {
            Object value = section.get("aliases");
            if (value == null || isNull(value)) {
                return Map.of();
            }
            if (!(value instanceof YamlMap aliases)) {
                problem(section, "aliases", "aliases must map each alias to a map of rule name to field name");
                return Map.of();
            }
            Map<String, Map<String, String>> result = new LinkedHashMap<>();
            for (Map.Entry<String, Object> alias : aliases.entrySet()) {
                if (!(alias.getValue() instanceof YamlMap fields) || fields.isEmpty()) {
                    problem(aliases, alias.getKey(), "alias '" + alias.getKey() + "' must map rule names to field names");
                    continue;
                }
                Map<String, String> perRule = new LinkedHashMap<>();
                Map<String, Span> perRuleSpans = new LinkedHashMap<>();
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    if (!(field.getValue() instanceof String name) || name.isBlank()) {
                        problem(fields, field.getKey(), "alias '" + alias.getKey() + "' must give a field name for rule '" + field.getKey() + "'");
                        continue;
                    }
                    perRule.put(field.getKey(), name);
                    perRuleSpans.put(field.getKey(), fields.entrySpan(field.getKey()));
                }
                result.put(alias.getKey(), perRule);
                spans.put(alias.getKey(), perRuleSpans);
            }
            return result;
        }

        private Map<String, Object> custom() {
            Map<String, Object> custom = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (!KEYS.contains(entry.getKey())) {
                    custom.put(entry.getKey(), plain(entry.getValue()));
                }
            }
            return Collections.unmodifiableMap(custom);
        }

        private static Object plain(Object value) {
            if (isNull(value)) {
                return null;
            }
            if (value instanceof YamlMap nested) {
                Map<String, Object> copy = new LinkedHashMap<>();
                nested.forEach((key, element) -> copy.put(key, plain(element)));
                return Collections.unmodifiableMap(copy);
            }
            if (value instanceof YamlList list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(element -> copy.add(plain(element)));
                return Collections.unmodifiableList(copy);
            }
            return value;
        }

        /** The loader reads YAML null as a marker object of its own (not a Java null); anything not a YAML type is that marker. */
        private static boolean isNull(Object value) {
            return !(value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof YamlMap
                    || value instanceof YamlList);
        }
    }
}
