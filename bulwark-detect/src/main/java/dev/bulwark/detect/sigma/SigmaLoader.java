package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads Sigma rules and filters from YAML text: every document of a stream ({@code ---} separates
 * rules in one file) is validated and compiled. A document the engine cannot honour is rejected
 * with the reason and its {@code file:line:column}; the others load. Rule collections
 * ({@code action: global/reset/repeat}) are read. A correlation document (it has
 * {@code correlation}) is handed over as it stands, with what it inherits, in
 * {@link Result#correlations()}: {@code dev.bulwark.detect.correlation.CorrelationLoader} reads it,
 * since its references can only be checked against the whole rule set.
 *
 * <p>Thread-safe: it holds only the immutable options.
 */
public final class SigmaLoader {
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> RELATION_TYPES = Set.of("derived", "obsolete", "merged", "renamed", "similar");
    private static final Pattern DATE = Pattern.compile("\\d{4}([-/])(0[1-9]|1[012])\\1(0[1-9]|[12][0-9]|3[01])");
    private static final Pattern TAG = Pattern.compile("[a-z0-9_-]+\\.[a-z0-9._-]+");
    private static final Set<String> RULE_KEYS = Set.of("title", "id", "name", "status", "description", "references", "author",
            "date", "modified", "tags", "level", "logsource", "detection", "falsepositives", "fields", "related", "action");
    private static final Set<String> FILTER_KEYS = Set.of("title", "id", "name", "description", "date", "modified",
            "logsource", "filter", "author", "action");
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 65_535;

    private final SigmaOptions options;
    private final YamlReader reader;

    public SigmaLoader(SigmaOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.reader = YamlReader.defaults()
                .withMaxDepth(options.limits().maxYamlDepth())
                .withNullValue(DetectionCompiler.NULL)
                .withNullElement(DetectionCompiler.NULL);
    }

    /**
     * What one load produced: the rules and filters that compiled, why the others did not
     * (errors), where loaded ones stray from the specification (warnings), sorted by location,
     * and the correlation documents, not yet read, in file order.
     */
    public record Result(List<SigmaRule> rules, List<SigmaFilter> filters, List<SigmaProblem> problems,
                         List<CorrelationDocument> correlations) {
        public Result {
            rules = List.copyOf(rules);
            filters = List.copyOf(filters);
            List<SigmaProblem> sorted = new ArrayList<>(problems);
            Collections.sort(sorted);
            problems = List.copyOf(sorted);
            correlations = List.copyOf(correlations);
        }

        public Result(List<SigmaRule> rules, List<SigmaFilter> filters, List<SigmaProblem> problems) {
            this(rules, filters, problems, List.of());
        }
    }

    /** A correlation rule's YAML document (collection attributes merged in) and the file it is in. */
    public record CorrelationDocument(String file, YamlMap map) {
        public CorrelationDocument {
            requireNonNull(file, "file is null");
            requireNonNull(map, "map is null");
        }
    }

    /** Reads a rule file, refusing one larger than the file-size limit or not UTF-8 before parsing it. */
    public Result load(Path path) {
        String name = path.toString().replace('\\', '/');
        try {
            long size = Files.size(path);
            if (size > options.limits().maxFileBytes()) {
                return failure(name, 1, 1, "file is " + size + " bytes, more than the limit of " + options.limits().maxFileBytes());
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return load(text, name);
        } catch (CharacterCodingException e) {
            return failure(name, 1, 1, "file is not valid UTF-8 text");
        } catch (IOException e) {
            return failure(name, 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    private static Result failure(String file, int line, int column, String message) {
        return new Result(List.of(), List.of(), List.of(new SigmaProblem(new SourceLocation(file, line, column, line, column), message)));
    }

    /** Loads every document of {@code text}; {@code file} names it in locations. Never throws for bad input. */
    public Result load(String text, String file) {
        if (text.length() > options.limits().maxFileBytes()) {
            return failure(file, 1, 1, "text is " + text.length() + " characters, more than the limit of " + options.limits().maxFileBytes());
        }
        if (text.indexOf('\u0000') >= 0) {
            return failure(file, 1, 1, "binary content (a NUL character): not a YAML rule file");
        }
        YamlReader.Result read = reader.read(text, file);
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<SigmaProblem> problems = new ArrayList<>();
        List<CorrelationDocument> correlations = new ArrayList<>();
        Collection collection = new Collection();
        for (YamlDocument document : read.documents()) {
            Object root = collection.resolve(document, file, problems);
            if (root instanceof YamlMap map && map.containsKey("correlation")) {
                correlations.add(new CorrelationDocument(file, map));
            } else if (root != null) {
                document(root, document.span(), file, rules, filters, problems);
            }
        }
        if (read.error().isPresent()) {
            YamlException error = read.error().get();
            int line = Math.max(error.line(), 1);
            int column = Math.max(error.column(), 1);
            problems.add(new SigmaProblem(new SourceLocation(file, line, column, line, column),
                    (error.isLimit() ? "refused: " : "invalid YAML: ") + error.getMessage()));
        }
        return new Result(rules, filters, problems, correlations);
    }

    /**
     * Rule collections (Sigma 1 {@code action}, still read by pySigma): {@code action: global}
     * holds attributes every following document inherits (a later global replaces it),
     * {@code action: reset} drops them, {@code action: repeat} is the previous document again with
     * this one's attributes on top. Maps merge deeply; inherited values keep their own lines.
     */
    private static final class Collection {
        private YamlMap global;
        private YamlMap previous;

        /** The document to load, with what it inherits, or null when it is an action or was reported. */
        Object resolve(YamlDocument document, String file, List<SigmaProblem> problems) {
            Object root = document.root();
            if (!(root instanceof YamlMap map)) {
                return root;
            }
            Object action = map.get("action");
            if (action == null) {
                YamlMap merged = global == null ? map : YamlMap.merge(global, map);
                previous = merged;
                return merged;
            }
            if ("global".equals(action)) {
                global = map;
            } else if ("reset".equals(action)) {
                global = null;
            } else if ("repeat".equals(action)) {
                if (previous == null) {
                    problems.add(new SigmaProblem(at(file, map, "action"), "'action: repeat' has no previous document to repeat"));
                    return null;
                }
                previous = YamlMap.merge(previous, map);
                return previous;
            } else {
                problems.add(new SigmaProblem(at(file, map, "action"),
                        "unknown action '" + action + "' (a rule collection knows global, reset and repeat)"));
            }
            return null;
        }
    }

    private void document(Object root, Span start, String file, List<SigmaRule> rules, List<SigmaFilter> filters,
                          List<SigmaProblem> problems) {
        if (root == null || root == DetectionCompiler.NULL) {
            return;
        }
        if (!(root instanceof YamlMap map)) {
            problems.add(new SigmaProblem(FieldMapping.at(file, start), "a Sigma document must be a YAML map"));
            return;
        }
        Document parsed = new Document(file, map, problems);
        if (map.containsKey("filter")) {
            SigmaFilter filter = filter(parsed);
            if (filter != null) {
                filters.add(filter);
            }
        } else {
            SigmaRule rule = rule(parsed);
            if (rule != null) {
                rules.add(rule);
            }
        }
    }

    private static SourceLocation at(String file, YamlMap map, String key) {
        Span span = map.entrySpan(key);
        return FieldMapping.at(file, span == null ? map.span() : span);
    }

    private SigmaRule rule(Document document) {
        int before = document.problems.size();
        String title = document.title();
        Optional<String> id = document.text("id");
        Optional<String> name = document.text("name");
        Optional<String> status = document.oneOf("status", STATUSES);
        Optional<String> description = document.text("description");
        description.filter(text -> text.length() > MAX_DESCRIPTION)
                .ifPresent(text -> document.problem("description", "the description is longer than " + MAX_DESCRIPTION + " characters"));
        List<String> references = document.texts("references");
        Optional<String> author = document.text("author");
        Optional<String> date = document.date("date");
        Optional<String> modified = document.date("modified");
        List<String> tags = document.tags();
        Optional<String> level = document.oneOf("level", LEVELS);
        List<String> falsepositives = document.texts("falsepositives");
        List<String> fields = document.texts("fields");
        List<SigmaRule.Related> related = document.related();
        LogSource logsource = document.logsource();
        Detection detection = null;
        Object section = document.map.get("detection");
        if (section == null) {
            document.problems.add(new SigmaProblem(FieldMapping.at(document.file, document.map.span()), "the rule has no detection"));
        } else if (!(section instanceof YamlMap detectionMap)) {
            document.problem("detection", "detection must be a map of search identifiers and a condition");
        } else if (logsource != null) {
            DetectionCompiler compiler = new DetectionCompiler(document.file, logsource, options, document.problems);
            if (detectionMap.containsKey("timeframe")) {
                document.problems.add(new SigmaProblem(FieldMapping.at(document.file, detectionMap.entrySpan("timeframe")),
                        "'timeframe' in a detection is Sigma 1 aggregation syntax; write a correlation rule instead"));
            } else {
                Span conditionSpan = detectionMap.containsKey("condition") ? detectionMap.entrySpan("condition") : detectionMap.span();
                detection = compiler.compile(detectionMap, Set.of("condition"), detectionMap.get("condition"), conditionSpan);
            }
        }
        if (document.errorsSince(before) || detection == null || title == null || logsource == null) {
            return null;
        }
        return new SigmaRule(title, id, name, status, description, references, author, date, modified, tags, level,
                logsource, document.logsourceAttributes(), detection, falsepositives, fields, related, document.custom(RULE_KEYS),
                document.location());
    }

    private SigmaFilter filter(Document document) {
        int before = document.problems.size();
        String title = document.title();
        Optional<String> id = document.text("id");
        Optional<String> name = document.text("name");
        Optional<String> description = document.text("description");
        Optional<String> date = document.date("date");
        Optional<String> modified = document.date("modified");
        document.text("author");
        LogSource logsource = document.logsource();
        Object section = document.map.get("filter");
        Detection detection = null;
        List<String> rules = List.of();
        if (!(section instanceof YamlMap filterMap)) {
            document.problem("filter", "filter must be a map with 'rules', search identifiers and a 'condition'");
        } else {
            Object references = filterMap.get("rules");
            if (references instanceof String single && !single.isBlank()) {
                rules = List.of(single);
            } else if (references instanceof YamlList list && !list.isEmpty() && list.stream().allMatch(r -> r instanceof String)) {
                List<String> names = new ArrayList<>();
                list.forEach(r -> names.add((String) r));
                rules = names;
            } else {
                Span span = filterMap.containsKey("rules") ? filterMap.entrySpan("rules") : filterMap.span();
                document.problems.add(new SigmaProblem(FieldMapping.at(document.file, span),
                        "filter 'rules' must name the rules it applies to: a rule id or name, or a list of them"));
            }
            if (filterMap.containsKey("condition") && !(filterMap.get("condition") instanceof String)) {
                document.problems.add(new SigmaProblem(FieldMapping.at(document.file, filterMap.entrySpan("condition")),
                        "a filter has exactly one condition, a string"));
            } else if (logsource != null) {
                DetectionCompiler compiler = new DetectionCompiler(document.file, logsource, options, document.problems);
                Span conditionSpan = filterMap.containsKey("condition") ? filterMap.entrySpan("condition") : filterMap.span();
                detection = compiler.compile(filterMap, Set.of("condition", "rules"), filterMap.get("condition"), conditionSpan);
            }
        }
        if (document.errorsSince(before) || detection == null || title == null || logsource == null) {
            return null;
        }
        return new SigmaFilter(title, id, name, description, date, modified, logsource, rules, detection,
                document.custom(FILTER_KEYS), document.location());
    }

    /** One document's map with the checks of its attributes. */
    private static final class Document {
        final String file;
        final YamlMap map;
        final List<SigmaProblem> problems;

        Document(String file, YamlMap map, List<SigmaProblem> problems) {
            this.file = file;
            this.map = map;
            this.problems = problems;
        }

        SourceLocation location() {
            return FieldMapping.at(file, map.span());
        }

        void problem(String key, String message) {
            problems.add(new SigmaProblem(at(file, map, key), message));
        }

        void warning(String key, String message) {
            problems.add(new SigmaProblem(at(file, map, key), SigmaProblem.Level.WARNING, message));
        }

        boolean errorsSince(int before) {
            for (int i = before; i < problems.size(); i++) {
                if (problems.get(i).isError()) {
                    return true;
                }
            }
            return false;
        }

        /** The tags, each told about unless in the specification's {@code namespace.name} lower-case form. */
        List<String> tags() {
            List<String> tags = texts("tags");
            for (String tag : tags) {
                if (!TAG.matcher(tag).matches()) {
                    warning("tags", "tag '" + tag + "' is not in the form namespace.name in lower case (letters, digits, '_', '-', '.')");
                }
            }
            return tags;
        }

        String title() {
            Object value = map.get("title");
            if (!(value instanceof String title) || title.isBlank()) {
                if (value == null) {
                    problems.add(new SigmaProblem(location(), "the rule has no title"));
                } else {
                    problem("title", "title must be a non-empty string");
                }
                return null;
            }
            if (title.length() > MAX_TITLE) {
                problem("title", "the title is longer than " + MAX_TITLE + " characters");
                return null;
            }
            return title;
        }

        Optional<String> text(String key) {
            Object value = map.get(key);
            if (value == null || value == DetectionCompiler.NULL) {
                return Optional.empty();
            }
            if (value instanceof String text) {
                return Optional.of(text);
            }
            if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                return Optional.of(value.toString());
            }
            problem(key, "'" + key + "' must be a string");
            return Optional.empty();
        }

        Optional<String> oneOf(String key, Set<String> allowed) {
            Optional<String> value = text(key);
            if (value.isPresent() && !allowed.contains(value.get())) {
                problem(key, "'" + key + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + ", not '" + value.get() + "'");
                return Optional.empty();
            }
            return value;
        }

        Optional<String> date(String key) {
            Optional<String> value = text(key);
            if (value.isPresent() && !DATE.matcher(value.get()).matches()) {
                problem(key, "'" + key + "' must be a date written YYYY-MM-DD, not '" + value.get() + "'");
                return Optional.empty();
            }
            if (value.isPresent() && value.get().indexOf('/') >= 0) {
                warning(key, "'" + key + "' is written with '/', an older form: the specification writes YYYY-MM-DD");
            }
            return value;
        }

        List<String> texts(String key) {
            Object value = map.get(key);
            if (value == null || value == DetectionCompiler.NULL) {
                return List.of();
            }
            Optional<List<String>> texts = SigmaValues.strings(value);
            if (texts.isEmpty()) {
                problem(key, "'" + key + "' must be a list of strings");
                return List.of();
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String entry : texts.get()) {
                if (!seen.add(entry)) {
                    warning(key, "'" + key + "' lists '" + entry + "' more than once");
                }
            }
            return texts.get();
        }

        List<SigmaRule.Related> related() {
            Object value = map.get("related");
            if (value == null || value == DetectionCompiler.NULL) {
                return List.of();
            }
            if (!(value instanceof YamlList list)) {
                problem("related", "'related' must be a list of {id, type} maps");
                return List.of();
            }
            List<SigmaRule.Related> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Span span = list.elementSpan(i);
                if (!(list.get(i) instanceof YamlMap entry) || !(entry.get("id") instanceof String id)
                        || !(entry.get("type") instanceof String type)) {
                    problems.add(new SigmaProblem(FieldMapping.at(file, span), "each 'related' entry needs an 'id' and a 'type'"));
                    continue;
                }
                if (!RELATION_TYPES.contains(type)) {
                    problems.add(new SigmaProblem(FieldMapping.at(file, span), "related type must be one of "
                            + String.join(", ", new java.util.TreeSet<>(RELATION_TYPES)) + ", not '" + type + "'"));
                    continue;
                }
                result.add(new SigmaRule.Related(id, type));
            }
            return result;
        }

        LogSource logsource() {
            Object value = map.get("logsource");
            if (value == null) {
                problems.add(new SigmaProblem(location(), "the rule has no logsource"));
                return null;
            }
            if (!(value instanceof YamlMap source)) {
                problem("logsource", "logsource must be a map of product, service and category");
                return null;
            }
            String[] parts = new String[3];
            String[] keys = {"product", "service", "category"};
            boolean failed = false;
            for (int i = 0; i < 3; i++) {
                Object part = source.get(keys[i]);
                if (part == null || part == DetectionCompiler.NULL) {
                    continue;
                }
                if (!(part instanceof String text)) {
                    problems.add(new SigmaProblem(FieldMapping.at(file, source.entrySpan(keys[i])), "logsource " + keys[i] + " must be a string"));
                    failed = true;
                    continue;
                }
                parts[i] = text;
            }
            return failed ? null : LogSource.of(parts[0], parts[1], parts[2]);
        }

        Map<String, Object> logsourceAttributes() {
            if (!(map.get("logsource") instanceof YamlMap source)) {
                return Map.of();
            }
            return attributes(source, Set.of("product", "service", "category"));
        }

        Map<String, Object> custom(Set<String> known) {
            return attributes(map, known);
        }

        private static Map<String, Object> attributes(YamlMap map, Set<String> known) {
            Map<String, Object> custom = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (!known.contains(entry.getKey())) {
                    custom.put(entry.getKey(), plain(entry.getValue()));
                }
            }
            return Collections.unmodifiableMap(custom);
        }

        private static Object plain(Object value) {
            if (value == DetectionCompiler.NULL) {
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
    }
}
