package dev.bulwark.detect.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.detect.event.LogSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the {@code detection} section of one rule (or the {@code filter} section of a filter)
 * into a {@link Detection}, reporting every value or condition the engine cannot honour as a
 * located problem instead (the section then yields nothing).
 *
 * <p>Design: a field item's modifiers are checked as a whole first (which kinds combine, which
 * order), then each value runs through the transformation modifiers in the order written
 * ({@code expand}, {@code windash}, the encodings, {@code contains}/{@code startswith}/{@code
 * endswith}), each value becoming one or more {@link Glob} variants that are OR-linked (the
 * variants of {@code base64offset} and of placeholders stay OR-linked under {@code all}). Type
 * modifiers ({@code re}, {@code cidr}, comparisons, time parts, {@code fieldref}, {@code exists})
 * turn the value into their own test. One instance compiles one section; not thread-safe.
 */
final class DetectionCompiler {
    private static final Set<String> MODIFIERS = Set.of("contains", "startswith", "endswith", "all", "exists", "cased",
            "neq", "re", "i", "m", "s", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash",
            "lt", "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year", "cidr", "expand", "fieldref");
    private static final Set<String> ENCODINGS = Set.of("base64", "base64offset", "utf16le", "utf16be", "utf16", "wide");
    private static final Set<String> POSITIONS = Set.of("contains", "startswith", "endswith");
    private static final Set<String> COMPARISONS = Set.of("lt", "lte", "gt", "gte");
    private static final Set<String> REGEX_FLAGS = Set.of("i", "m", "s");
    /** Stands for a YAML null: the reader keeps {@code field: null} entries with this marker. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String file;
    private final LogSource logsource;
    private final SigmaOptions options;
    private final List<SigmaProblem> problems;
    private int values;

    DetectionCompiler(String file, LogSource logsource, SigmaOptions options, List<SigmaProblem> problems) {
        this.file = file;
        this.logsource = logsource;
        this.options = options;
        this.problems = problems;
    }

    private void problem(Span span, String message) {
        problems.add(new SigmaProblem(FieldMapping.at(file, span), message));
    }

    /**
     * Compiles {@code section}: its entries other than {@code reserved} keys are search identifiers;
     * {@code conditions} (with {@code conditionSpan}) is the condition or list of conditions.
     * Returns null when any problem was reported.
     */
    Detection compile(YamlMap section, Set<String> reserved, Object conditions, Span conditionSpan) {
        int before = problems.size();
        Map<String, Selection> identifiers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            String name = entry.getKey();
            if (reserved.contains(name)) {
                continue;
            }
            Span span = section.entrySpan(name);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                problem(span, "search identifier '" + name + "' may hold only letters, digits, '_', '-' and '.'");
                continue;
            }
            if (name.equalsIgnoreCase("and") || name.equalsIgnoreCase("or") || name.equalsIgnoreCase("not")
                    || name.equalsIgnoreCase("of") || name.equalsIgnoreCase("them") || name.equalsIgnoreCase("all")) {
                problem(span, "'" + name + "' is a condition keyword and cannot name a search identifier");
                continue;
            }
            Selection selection = identifier(name, entry.getValue(), span);
            if (selection != null) {
                identifiers.put(name, selection);
            }
        }
        if (identifiers.isEmpty() && problems.size() == before) {
            problem(section.span(), "the detection defines no search identifier");
        }
        if (values > options.limits().maxValuesPerRule() && problems.size() == before) {
            problem(section.span(), "the rule has " + values + " values after expansion, more than the limit of "
                    + options.limits().maxValuesPerRule());
        }
        List<String> texts = new ArrayList<>();
        if (conditions instanceof String single) {
            texts.add(single);
        } else if (conditions instanceof YamlList list && !list.isEmpty() && list.stream().allMatch(c -> c instanceof String)) {
            list.forEach(c -> texts.add((String) c));
        } else {
            problem(conditionSpan, conditions == null || conditions == NULL
                    ? "the detection has no condition"
                    : "the condition must be a string or a non-empty list of strings");
            return null;
        }
        if (problems.size() != before) {
            return null;
        }
        List<Condition> compiled = new ArrayList<>();
        for (String text : texts) {
            if (text.length() > options.limits().maxConditionLength()) {
                problem(conditionSpan, "the condition is longer than " + options.limits().maxConditionLength() + " characters");
                return null;
            }
            try {
                compiled.add(ConditionParser.parse(text, identifiers, options.limits().maxConditionDepth()));
            } catch (SigmaSyntaxException e) {
                problem(conditionSpan, "condition '" + text + "': " + e.getMessage());
                return null;
            }
        }
        Condition condition = compiled.size() == 1 ? compiled.get(0) : new Condition.Or(compiled);
        return new Detection(condition, new ArrayList<>(identifiers.keySet()));
    }

    private Selection identifier(String name, Object value, Span span) {
        if (value instanceof YamlMap map) {
            return map(map, span);
        }
        if (value instanceof YamlList list) {
            if (list.isEmpty()) {
                problem(span, "search identifier '" + name + "' is an empty list");
                return null;
            }
            boolean maps = list.stream().allMatch(element -> element instanceof YamlMap);
            boolean scalars = list.stream().noneMatch(element -> element instanceof YamlMap || element instanceof YamlList);
            if (maps) {
                List<Selection> branches = new ArrayList<>();
                boolean failed = false;
                for (int i = 0; i < list.size(); i++) {
                    Selection branch = map((YamlMap) list.get(i), list.elementSpan(i));
                    failed |= branch == null;
                    branches.add(branch);
                }
                if (failed) {
                    return null;
                }
                return branches.size() == 1 ? branches.get(0) : new Selection.AnyOf(branches);
            }
            if (scalars) {
                return item("", list, span);
            }
            problem(span, "search identifier '" + name + "' mixes maps and plain values in one list (a list holds either maps or keywords)");
            return null;
        }
        if (value == null || value == NULL) {
            problem(span, "search identifier '" + name + "' is empty");
            return null;
        }
        return item("", value, span);
    }

    private Selection map(YamlMap map, Span span) {
        if (map.isEmpty()) {
            problem(span, "a selection map must have at least one field");
            return null;
        }
        List<Selection> items = new ArrayList<>();
        boolean failed = false;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Selection item = item(entry.getKey(), entry.getValue(), map.entrySpan(entry.getKey()));
            failed |= item == null;
            items.add(item);
        }
        if (failed) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : new Selection.AllOf(items);
    }

    /** One {@code field|modifiers: value(s)} entry; the key "" (or "|mods") makes keywords. */
    private Selection item(String key, Object value, Span span) {
        try {
            return compileItem(key, value);
        } catch (SigmaSyntaxException e) {
            problem(span, key.isEmpty() ? e.getMessage() : "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    private Selection compileItem(String key, Object rawValue) {
        String[] pieces = key.split("\\|", -1);
        String field = pieces[0];
        List<String> modifiers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < pieces.length; i++) {
            String modifier = pieces[i];
            if (modifier.isEmpty()) {
                throw new SigmaSyntaxException("empty modifier (two '|' in a row or a trailing '|')");
            }
            if (!MODIFIERS.contains(modifier)) {
                throw new SigmaSyntaxException("unknown modifier '" + modifier + "'");
            }
            if (!seen.add(modifier)) {
                throw new SigmaSyntaxException("modifier '" + modifier + "' is given twice");
            }
            modifiers.add(modifier);
        }
        List<Object> rawValues = new ArrayList<>();
        boolean listed = rawValue instanceof YamlList;
        if (rawValue instanceof YamlList list) {
            if (list.isEmpty()) {
                throw new SigmaSyntaxException("the value list is empty");
            }
            for (Object element : list) {
                if (element instanceof YamlMap || element instanceof YamlList) {
                    throw new SigmaSyntaxException("a value list may hold only plain values, not maps or lists");
                }
                rawValues.add(element);
            }
        } else if (rawValue instanceof YamlMap) {
            throw new SigmaSyntaxException("a field's value must be a plain value or a list of them, not a map");
        } else {
            rawValues.add(rawValue == null ? NULL : rawValue);
        }
        values += rawValues.size();
        Kinds kinds = checkCombination(field, modifiers, rawValues, listed);
        if (kinds.exists) {
            Object value = rawValues.get(0);
            if (!(value instanceof Boolean expected)) {
                throw new SigmaSyntaxException("exists takes true or false, not '" + value + "'");
            }
            return new Selection.Exists(accessor(field), expected);
        }
        boolean matchesNull = false;
        List<ScalarTest> tests = new ArrayList<>();
        for (Object value : rawValues) {
            if (value == NULL) {
                if (!modifiers.isEmpty() && !(modifiers.size() == 1 && modifiers.get(0).equals("all"))) {
                    throw new SigmaSyntaxException("null cannot take modifiers (null already means: the field is absent or null)");
                }
                if (field.isEmpty()) {
                    throw new SigmaSyntaxException("null is not a keyword");
                }
                if (kinds.all) {
                    throw new SigmaSyntaxException("null in an 'all' list can never hold together with another value");
                }
                matchesNull = true;
                continue;
            }
            tests.add(value(field, value, modifiers, kinds));
        }
        if (field.isEmpty()) {
            return new Selection.Keywords(tests, kinds.all);
        }
        return new Selection.FieldItem(accessor(field), tests, kinds.all, matchesNull, kinds.neq);
    }

    private FieldAccessor accessor(String field) {
        return new FieldAccessor(field, options.fieldMapping().resolve(field, logsource));
    }

    /** The kinds of modifiers on one item, once their combination is known to make sense. */
    private record Kinds(boolean exists, boolean all, boolean neq, boolean cased, String type, TimePart timePart,
                         String comparison, String position, boolean transforms) {}

    private static Kinds checkCombination(String field, List<String> modifiers, List<Object> rawValues, boolean listed) {
        boolean keyword = field.isEmpty();
        String type = null;
        TimePart timePart = null;
        String comparison = null;
        String position = null;
        boolean transforms = false;
        for (String modifier : modifiers) {
            if (modifier.equals("re") || modifier.equals("cidr") || modifier.equals("exists") || modifier.equals("fieldref")) {
                if (type != null) {
                    throw new SigmaSyntaxException("'" + modifier + "' cannot be combined with '" + type + "'");
                }
                type = modifier;
            } else if (TimePart.named(modifier) != null) {
                if (timePart != null) {
                    throw new SigmaSyntaxException("'" + modifier + "' cannot be combined with '" + timePart.modifier + "'");
                }
                timePart = TimePart.named(modifier);
            } else if (COMPARISONS.contains(modifier)) {
                if (comparison != null) {
                    throw new SigmaSyntaxException("'" + modifier + "' cannot be combined with '" + comparison + "'");
                }
                comparison = modifier;
            } else if (POSITIONS.contains(modifier)) {
                if (position != null) {
                    throw new SigmaSyntaxException("'" + modifier + "' cannot be combined with '" + position + "'");
                }
                position = modifier;
            } else if (ENCODINGS.contains(modifier) || modifier.equals("windash") || modifier.equals("expand")) {
                transforms = true;
            }
        }
        String valueKind = firstPresent(type, timePart == null ? null : timePart.modifier, comparison);
        boolean exists = "exists".equals(type);
        boolean all = modifiers.contains("all");
        boolean neq = modifiers.contains("neq");
        boolean cased = modifiers.contains("cased");
        if (exists) {
            if (modifiers.size() > 1) {
                throw new SigmaSyntaxException("exists cannot be combined with other modifiers");
            }
            if (keyword) {
                throw new SigmaSyntaxException("exists needs a field name");
            }
            if (listed) {
                throw new SigmaSyntaxException("exists takes a single true or false, not a list");
            }
        }
        if (all && rawValues.size() < 2) {
            throw new SigmaSyntaxException("'all' needs a list of at least two values (the specification forbids it on a single value)");
        }
        if (type != null && !exists && (timePart != null || comparison != null)) {
            throw new SigmaSyntaxException("'" + type + "' cannot be combined with '" + firstPresent(null,
                    timePart == null ? null : timePart.modifier, comparison) + "'");
        }
        if (position != null && ("re".equals(type) || "cidr".equals(type) || timePart != null || comparison != null)) {
            throw new SigmaSyntaxException("'" + position + "' cannot be combined with '" + valueKind + "'");
        }
        if (transforms && valueKind != null) {
            String transform = modifiers.stream().filter(m -> ENCODINGS.contains(m) || m.equals("windash") || m.equals("expand"))
                    .findFirst().orElseThrow();
            throw new SigmaSyntaxException("'" + transform + "' cannot be combined with '" + valueKind + "'");
        }
        for (String flag : REGEX_FLAGS) {
            int at = modifiers.indexOf(flag);
            if (at >= 0 && (!"re".equals(type) || at < modifiers.indexOf("re"))) {
                throw new SigmaSyntaxException("'" + flag + "' is a flag of 're' and must follow it");
            }
        }
        if (cased && valueKind != null && !"fieldref".equals(valueKind)) {
            String hint = "";
            if ("re".equals(type)) {
                hint = " (regular expressions are case-sensitive already; 're|i' makes them insensitive)";
            }
            throw new SigmaSyntaxException("'cased' applies to strings only, not with '" + valueKind + "'" + hint);
        }
        if (neq && comparison != null) {
            throw new SigmaSyntaxException("'neq' cannot be combined with '" + comparison + "'");
        }
        if (neq && all) {
            throw new SigmaSyntaxException("'neq' cannot be combined with 'all' (neq already requires the field to differ from every value)");
        }
        if (timePart != null && comparison != null && modifiers.indexOf(comparison) < modifiers.indexOf(timePart.modifier)) {
            throw new SigmaSyntaxException("'" + timePart.modifier + "' must come before '" + comparison + "'");
        }
        if ("fieldref".equals(type) && position != null && modifiers.indexOf(position) < modifiers.indexOf("fieldref")) {
            throw new SigmaSyntaxException("'" + position + "' must come after 'fieldref'");
        }
        if (keyword) {
            for (String modifier : modifiers) {
                if (modifier.equals("neq") || modifier.equals("fieldref") || modifier.equals("cidr") || COMPARISONS.contains(modifier)
                        || TimePart.named(modifier) != null) {
                    throw new SigmaSyntaxException("'" + modifier + "' needs a field name; keywords search the whole event");
                }
            }
        }
        return new Kinds(exists, all, neq, cased, type, timePart, comparison, position, transforms);
    }

    private static String firstPresent(String first, String second, String third) {
        if (first != null) {
            return first;
        }
        return second != null ? second : third;
    }

    private ScalarTest value(String field, Object value, List<String> modifiers, Kinds kinds) {
        if (value instanceof String text && text.length() > options.limits().maxValueLength()) {
            throw new SigmaSyntaxException("a value is longer than " + options.limits().maxValueLength() + " characters");
        }
        if ("re".equals(kinds.type)) {
            return regex(value, modifiers);
        }
        if ("cidr".equals(kinds.type)) {
            if (!(value instanceof String text)) {
                throw new SigmaSyntaxException("cidr takes a network such as 10.0.0.0/8, not '" + value + "'");
            }
            return new ScalarTest.Network(Cidr.parse(text));
        }
        if (kinds.timePart != null) {
            return timePart(value, kinds);
        }
        if (kinds.comparison != null) {
            BigDecimal number = number(value);
            if (number == null) {
                throw new SigmaSyntaxException("'" + kinds.comparison + "' needs a number, not '" + value + "'");
            }
            return new ScalarTest.Compare(comparison(kinds.comparison), number);
        }
        if ("fieldref".equals(kinds.type)) {
            if (!(value instanceof String name) || name.isEmpty() || name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
                throw new SigmaSyntaxException("fieldref takes the name of another field, not '" + value + "'");
            }
            ScalarTest.Position position = switch (kinds.position == null ? "" : kinds.position) {
                case "contains" -> ScalarTest.Position.ANYWHERE;
                case "startswith" -> ScalarTest.Position.PREFIX;
                case "endswith" -> ScalarTest.Position.SUFFIX;
                default -> ScalarTest.Position.WHOLE;
            };
            return new ScalarTest.FieldReference(accessor(name), position, kinds.cased);
        }
        return strings(field, value, modifiers, kinds);
    }

    private static ScalarTest.Comparison comparison(String modifier) {
        return switch (modifier) {
            case "lt" -> ScalarTest.Comparison.LT;
            case "lte" -> ScalarTest.Comparison.LTE;
            case "gt" -> ScalarTest.Comparison.GT;
            case "gte" -> ScalarTest.Comparison.GTE;
            default -> throw new IllegalArgumentException(modifier);
        };
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Long integer) {
            return BigDecimal.valueOf(integer);
        }
        if (value instanceof Double real) {
            return Double.isFinite(real) ? BigDecimal.valueOf(real) : null;
        }
        if (value instanceof String text) {
            return Scalars.parseNumber(text.trim());
        }
        return null;
    }

    private ScalarTest timePart(Object value, Kinds kinds) {
        BigDecimal number = number(value);
        BigInteger integer;
        try {
            integer = number == null ? null : number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            integer = null;
        }
        TimePart part = kinds.timePart;
        if (integer == null || integer.compareTo(BigInteger.valueOf(part.min)) < 0 || integer.compareTo(BigInteger.valueOf(part.max)) > 0) {
            throw new SigmaSyntaxException("'" + part.modifier + "' takes a whole number from " + part.min + " to " + part.max
                    + ", not '" + value + "'");
        }
        ScalarTest.Comparison comparison = kinds.comparison == null ? ScalarTest.Comparison.EQ : comparison(kinds.comparison);
        return new ScalarTest.TimeCompare(part, comparison, integer.longValue());
    }

    private ScalarTest regex(Object value, List<String> modifiers) {
        if (!(value instanceof String text)) {
            throw new SigmaSyntaxException("re takes a regular expression as a string, not '" + value + "'");
        }
        if (text.length() > options.limits().maxRegexLength()) {
            throw new SigmaSyntaxException("regular expression longer than " + options.limits().maxRegexLength() + " characters");
        }
        int flags = 0;
        if (modifiers.contains("i")) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (modifiers.contains("m")) {
            flags |= Pattern.MULTILINE;
        }
        if (modifiers.contains("s")) {
            flags |= Pattern.DOTALL;
        }
        try {
            return new ScalarTest.Regex(Pattern.compile(text, flags));
        } catch (PatternSyntaxException e) {
            throw new SigmaSyntaxException("invalid regular expression '" + text + "': " + e.getDescription()
                    + " (RE2 syntax: no backreferences or lookaround)");
        }
    }

    /** The string pipeline: parse, then each transformation in the order written. */
    private ScalarTest strings(String field, Object value, List<String> modifiers, Kinds kinds) {
        String text;
        BigDecimal number = null;
        if (value instanceof String string) {
            text = string;
        } else if (value instanceof Long || value instanceof Double) {
            number = number(value);
            text = number == null ? String.valueOf(value) : Scalars.canonical(number);
        } else if (value instanceof Boolean) {
            text = value.toString();
        } else {
            throw new SigmaSyntaxException("unsupported value '" + value + "'");
        }
        boolean placeholders = modifiers.contains("expand");
        List<Glob> variants = new ArrayList<>();
        variants.add(Glob.parse(text, placeholders));
        boolean position = false;
        for (String modifier : modifiers) {
            List<Glob> next = new ArrayList<>();
            for (Glob glob : variants) {
                switch (modifier) {
                    case "expand" -> next.addAll(expand(glob));
                    case "windash" -> next.add(glob.withDashClasses());
                    case "base64" -> next.add(Glob.literal(Base64.getEncoder().encodeToString(bytes(glob, modifier))));
                    case "base64offset" -> next.addAll(base64offset(bytes(glob, modifier)));
                    case "utf16le", "wide" -> next.add(utf16(glob, modifier, StandardCharsets.UTF_16LE, false));
                    case "utf16be" -> next.add(utf16(glob, modifier, StandardCharsets.UTF_16BE, false));
                    case "utf16" -> next.add(utf16(glob, modifier, StandardCharsets.UTF_16LE, true));
                    case "contains" -> next.add(glob.withLeadingRun().withTrailingRun());
                    case "startswith" -> next.add(glob.withTrailingRun());
                    case "endswith" -> next.add(glob.withLeadingRun());
                    default -> next.add(glob);
                }
            }
            position |= POSITIONS.contains(modifier);
            variants = next;
            values += variants.size() - 1;
            if (values > options.limits().maxValuesPerRule()) {
                throw new SigmaSyntaxException("more than " + options.limits().maxValuesPerRule() + " values after expansion");
            }
        }
        if (field.isEmpty() && !position) {
            List<Glob> anywhere = new ArrayList<>();
            for (Glob glob : variants) {
                anywhere.add(glob.withLeadingRun().withTrailingRun());
            }
            variants = anywhere;
        }
        if (number == null && !kinds.transforms && !position && variants.size() == 1 && variants.get(0).isPlain()) {
            number = Scalars.parseNumber(variants.get(0).plainText().trim());
        }
        if (kinds.transforms || position || field.isEmpty()) {
            number = null;
        }
        List<ScalarTest> tests = new ArrayList<>();
        for (Glob glob : variants) {
            if (glob.hasPlaceholder()) {
                throw new SigmaSyntaxException("placeholder in '" + text + "' left unexpanded");
            }
            tests.add(new ScalarTest.Text(GlobMatcher.compile(glob, kinds.cased || glob.binary()), number, glob.binary()));
        }
        return tests.size() == 1 ? tests.get(0) : new ScalarTest.AnyOf(tests);
    }

    private List<Glob> expand(Glob glob) {
        List<List<Glob.Part>> results = new ArrayList<>();
        results.add(new ArrayList<>());
        for (Glob.Part part : glob.parts()) {
            if (!(part instanceof Glob.Placeholder placeholder)) {
                for (List<Glob.Part> result : results) {
                    result.add(part);
                }
                continue;
            }
            List<String> replacements = options.placeholders().get(placeholder.name());
            if (replacements == null || replacements.isEmpty()) {
                throw new SigmaSyntaxException("placeholder %" + placeholder.name() + "% has no values configured");
            }
            List<List<Glob.Part>> next = new ArrayList<>();
            for (List<Glob.Part> result : results) {
                for (String replacement : replacements) {
                    List<Glob.Part> copy = new ArrayList<>(result);
                    copy.addAll(Glob.parse(replacement, false).parts());
                    next.add(copy);
                }
            }
            if (next.size() > options.limits().maxValuesPerRule()) {
                throw new SigmaSyntaxException("placeholders expand to more than " + options.limits().maxValuesPerRule() + " values");
            }
            results = next;
        }
        List<Glob> globs = new ArrayList<>();
        for (List<Glob.Part> result : results) {
            globs.add(new Glob(result, glob.binary()));
        }
        return globs;
    }

    private static byte[] bytes(Glob glob, String modifier) {
        if (!glob.isPlain()) {
            throw new SigmaSyntaxException("'" + modifier + "' cannot encode wildcards or placeholders in '" + glob
                    + "' (put contains/startswith/endswith after the encoding)");
        }
        return glob.plainText().getBytes(glob.binary() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** UTF-16 bytes of a plain value, as a binary glob (one character per byte); {@code utf16} adds the byte order mark FF FE. */
    private static Glob utf16(Glob glob, String modifier, java.nio.charset.Charset charset, boolean byteOrderMark) {
        if (glob.binary()) {
            throw new SigmaSyntaxException("'" + modifier + "' cannot encode a value that is already encoded");
        }
        if (!glob.isPlain()) {
            throw new SigmaSyntaxException("'" + modifier + "' cannot encode wildcards or placeholders in '" + glob
                    + "' (put contains/startswith/endswith after the encoding)");
        }
        byte[] encoded = glob.plainText().getBytes(charset);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        if (byteOrderMark) {
            text = "\u00FF\u00FE" + text;
        }
        return new Glob(text.isEmpty() ? List.of() : List.of(new Glob.Literal(text)), true);
    }

    /**
     * The three forms {@code value} takes inside a longer base64 text, one per offset of its first
     * byte in a 3-byte group. Characters that also depend on the neighbouring bytes are cut: 0, 2
     * or 3 at the start (offset 0, 1, 2), and at the end 0, 3 or 2 by how many bytes the last group
     * holds (3, 1, 2).
     */
    private static List<Glob> base64offset(byte[] value) {
        int[] cutStart = {0, 2, 3};
        int[] cutEnd = {0, 3, 2};
        List<Glob> variants = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[value.length + offset];
            System.arraycopy(value, 0, shifted, offset, value.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int start = cutStart[offset];
            int end = encoded.length() - cutEnd[shifted.length % 3];
            if (end <= start) {
                throw new SigmaSyntaxException("the value is too short for base64offset (at least 2 bytes)");
            }
            variants.add(Glob.literal(encoded.substring(start, end)));
        }
        return variants;
    }
}
