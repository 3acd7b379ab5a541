package dev.bulwark.aws.cloudformation;

import dev.bulwark.aws.model.IpAddresses;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlLocationIndex;
import dev.bulwark.core.yaml.YamlMap;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Resolves a CloudFormation template's intrinsic functions into plain values, as far as they can
 * be known before a stack exists: parameters (defaults, overridden by {@code --cfn-param}),
 * mappings, conditions, {@code Ref}, {@code Fn::Sub} (both forms), {@code Fn::Join},
 * {@code Fn::If}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap} (with
 * {@code DefaultValue}), {@code Fn::Base64}, {@code Fn::Cidr}, {@code Fn::Length},
 * {@code Fn::ToJsonString}, {@code Fn::ForEach} (in the Resources and Conditions sections and in
 * properties) and the pseudo parameters. Values that only exist after deployment ({@code Ref} to
 * a resource, {@code Fn::GetAtt}, {@code Fn::ImportValue}, {@code Fn::GetAZs}, the account id,
 * {@code Fn::Transform}) are {@link Unknown}; a reference to a resource remembers its logical id
 * so resources can be related. {@code AWS::NoValue} removes the property or list element. An
 * {@code Fn::If} whose condition cannot be decided keeps what both branches agree on and is
 * unknown elsewhere. Each resolved value is located at the place it was written (for an
 * intrinsic, the intrinsic's place).
 *
 * <p>{@code Fn::Equals} compares text as CloudFormation does (exactly: {@code "True"} is not
 * {@code "true"}), while resolved property values read {@code "true"}/{@code "false"} as booleans.
 *
 * <p>Resolution is bounded: nesting deeper than {@value #MAX_DEPTH} levels and templates whose
 * resolved values would exceed {@value #MAX_VALUES} values (an alias bomb) become unknown, with a
 * warning. Problems are located at the line they concern.
 *
 * <p>One resolver per template; not thread-safe.
 */
public final class TemplateResolver {
    private static final int MAX_DEPTH = 100;
    /** Resolved values per template, an alias bomb's bound; real templates stay far below it. */
    static final int MAX_VALUES = 1_000_000;
    /** Resources and conditions a template may expand to through Fn::ForEach. */
    private static final int MAX_EXPANDED = 10_000;
    private static final String FOR_EACH = "Fn::ForEach::";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** The value of {@code AWS::NoValue}: the property is removed. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    /** A template entry after Fn::ForEach expansion: its key, value, place and the loop identifiers in scope. */
    record Entry(String key, Object value, SourceLocation location, Map<String, String> bindings) {}

    /** Thrown when the value budget is spent; caught where a value can become unknown. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("template values too large", null, false, false);
        }
    }

    private final YamlMap template;
    private final String file;
    private final Map<String, String> overrides;
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> conditions = new HashMap<>();
    private final List<CloudFormationStack.Problem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private Map<String, Entry> conditionEntries;
    private boolean expandingConditions;
    private List<Entry> resourceEntries;
    private boolean expandingResources;
    private final Set<String> resourceIds = new HashSet<>();
    private Predicate<String> generated = name -> false;
    private Map<String, String> bindings = Map.of();
    /** Text as written (no "true" to boolean), for Fn::Equals, map keys and loop collections. */
    private boolean exact;
    private int values;
    private boolean tooLarge;

    public TemplateResolver(YamlMap template, String file, Map<String, String> overrides) {
        this.template = template;
        this.file = file;
        this.overrides = Map.copyOf(overrides);
        if (template.get("Resources") instanceof YamlMap resources) {
            for (String key : resources.keySet()) {
                if (!key.startsWith(FOR_EACH)) {
                    resourceIds.add(key);
                }
            }
        }
    }

    /** Problems met while resolving (a condition cycle, a malformed intrinsic), located, for warnings. */
    List<CloudFormationStack.Problem> locatedProblems() {
        return problems;
    }

    /** Problems met while resolving, as text. */
    public List<String> problems() {
        return problems.stream().map(CloudFormationStack.Problem::message).toList();
    }

    /** Logical ids a transform creates (SAM's generated roles and APIs), which Ref and Fn::GetAtt may name. */
    void generatedResources(Predicate<String> names) {
        this.generated = names;
    }

    void problem(SourceLocation at, String message) {
        int line = at == null ? 0 : at.startLine();
        if (reported.add(line + "\u0000" + message) && problems.size() < 1000) {
            problems.add(new CloudFormationStack.Problem(line, message));
        }
    }

    SourceLocation location(Span span, SourceLocation fallback) {
        return YamlLocationIndex.toLocation(file, span, fallback);
    }

    SourceLocation rootLocation() {
        return location(template.span(), SourceLocation.ofLine(file, 1));
    }

    YamlMap section(String name) {
        return template.get(name) instanceof YamlMap map ? map : null;
    }

    /** The ForEach identifiers in scope while {@code action} runs. */
    <T> T withBindings(Map<String, String> scope, java.util.function.Supplier<T> action) {
        Map<String, String> previous = bindings;
        bindings = scope;
        try {
            return action.get();
        } finally {
            bindings = previous;
        }
    }

    // ---------------------------------------------------------------- sections and Fn::ForEach

    /** The Resources section with its Fn::ForEach loops expanded (loops over unknown collections skipped, with a warning). */
    List<Entry> resources() {
        if (resourceEntries == null) {
            YamlMap section = section("Resources");
            expandingResources = true;
            try {
                resourceEntries = section == null ? List.of()
                        : expand(section, location(template.entrySpan("Resources"), rootLocation()), Map.of(), 0, new int[1]);
            } finally {
                expandingResources = false;
            }
            List<Entry> unique = new ArrayList<>(resourceEntries.size());
            Set<String> seen = new HashSet<>();
            for (Entry entry : resourceEntries) {
                if (seen.add(entry.key())) {
                    unique.add(entry);
                } else {
                    problem(entry.location(), "the logical id " + entry.key() + " is defined more than once (an Fn::ForEach output key "
                            + "without its identifier?); only the first is scanned");
                }
            }
            resourceEntries = unique;
            resourceIds.addAll(seen);
        }
        return resourceEntries;
    }

    private Map<String, Entry> conditionEntries() {
        if (conditionEntries == null) {
            YamlMap section = section("Conditions");
            Map<String, Entry> entries = new LinkedHashMap<>();
            if (section != null) {
                expandingConditions = true;
                try {
                    for (Entry entry : expand(section, location(template.entrySpan("Conditions"), rootLocation()), Map.of(), 0, new int[1])) {
                        entries.putIfAbsent(entry.key(), entry);
                    }
                } finally {
                    expandingConditions = false;
                }
            }
            conditionEntries = entries;
        }
        return conditionEntries;
    }

    /** The entries of {@code map} with each {@code Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]} expanded. */
    private List<Entry> expand(Map<?, ?> map, SourceLocation fallback, Map<String, String> scope, int depth, int[] count) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<?, ?> item : map.entrySet()) {
            String key = String.valueOf(item.getKey());
            SourceLocation at = map instanceof YamlMap yaml ? location(yaml.entrySpan(key), fallback) : fallback;
            if (!key.startsWith(FOR_EACH)) {
                if (count[0]++ > MAX_EXPANDED) {
                    problem(at, "Fn::ForEach expands to more than " + MAX_EXPANDED + " entries; the rest is not scanned");
                    return out;
                }
                out.add(new Entry(substitute(key, scope), item.getValue(), at, scope));
                continue;
            }
            if (depth >= 5) {
                problem(at, key + " is nested more than five loops deep; it is not expanded");
                continue;
            }
            if (!(item.getValue() instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String identifier)
                    || !(parts.get(2) instanceof Map<?, ?> fragment)) {
                problem(at, key + " needs an identifier, a collection and a fragment");
                continue;
            }
            SourceLocation collectionAt = parts instanceof YamlList yaml ? location(yaml.elementSpan(1), at) : at;
            SourceLocation fragmentAt = parts instanceof YamlList yaml ? location(yaml.elementSpan(2), at) : at;
            Object collection;
            try {
                collection = withBindings(scope, () -> resolveExact(parts.get(1), collectionAt));
            } catch (TooLarge e) {
                collection = tooLarge(collectionAt);
            }
            if (!(collection instanceof KnownList elements) || containsUnknown(collection)) {
                problem(at, key + " is not expanded: its collection "
                        + (collection instanceof Unknown || containsUnknown(collection) ? "is unknown until deployment" : "is not a list")
                        + "; what it would create is not scanned");
                continue;
            }
            for (int i = 0; i < elements.size(); i++) {
                Object element = elements.raw(i);
                if (element instanceof KnownMap || element instanceof KnownList) {
                    problem(at, key + " has a collection element that is not a string");
                    continue;
                }
                Map<String, String> inner = new HashMap<>(scope);
                inner.put(identifier, scalarText(element));
                out.addAll(expand(fragment, fragmentAt, Map.copyOf(inner), depth + 1, count));
                if (count[0] > MAX_EXPANDED) {
                    return out;
                }
            }
        }
        return out;
    }

    /** {@code ${Identifier}} and {@code &{Identifier}} (alphanumerics only) of the loop identifiers in scope. */
    private static String substitute(String text, Map<String, String> scope) {
        if (scope.isEmpty() || (text.indexOf("${") < 0 && text.indexOf("&{") < 0)) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> binding : scope.entrySet()) {
            result = result.replace("${" + binding.getKey() + "}", binding.getValue())
                    .replace("&{" + binding.getKey() + "}", binding.getValue().replaceAll("[^A-Za-z0-9]", ""));
        }
        return result;
    }

    // ---------------------------------------------------------------- conditions

    /**
     * Whether the condition {@code name} holds: TRUE, FALSE or an {@link Unknown}; problems about
     * an undefined name are located at {@code at}, the place that names it.
     */
    Object condition(String name, SourceLocation at) {
        if (conditions.containsKey(name)) {
            Object known = conditions.get(name);
            if (known == null) {
                Entry entry = conditionEntries().get(name);
                problem(entry != null ? entry.location() : at, "condition " + name + " refers to itself");
                return Unknown.because("condition cycle");
            }
            return known;
        }
        if (expandingConditions) {
            return Unknown.because("condition " + name + " used while expanding the Conditions section");
        }
        Entry entry = conditionEntries().get(name);
        if (entry == null) {
            problem(at, "condition " + name + " is not defined in the Conditions section");
            return Unknown.because("undefined condition " + name);
        }
        conditions.put(name, null);
        Object value;
        try {
            value = withBindings(entry.bindings(), () -> evaluateCondition(entry.value(), entry.location(), 0));
        } catch (TooLarge e) {
            value = tooLarge(entry.location());
        }
        conditions.put(name, value);
        return value;
    }

    private Object evaluateCondition(Object expression, SourceLocation at, int depth) {
        if (depth > MAX_DEPTH) {
            problem(at, "condition nested too deeply");
            return Unknown.because("condition nested too deeply");
        }
        if (expression instanceof Boolean bool) {
            return bool;
        }
        if (expression instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        if (!(expression instanceof Map<?, ?> map) || map.size() != 1) {
            problem(at, "a condition must be one condition function");
            return Unknown.because("malformed condition");
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String function = String.valueOf(entry.getKey());
        Object argument = entry.getValue();
        switch (function) {
            case "Condition" -> {
                return condition(String.valueOf(argument), at);
            }
            case "Fn::Not" -> {
                List<Object> operands = list(argument);
                if (operands.size() != 1) {
                    problem(at, "Fn::Not needs one condition");
                    return Unknown.because("malformed Fn::Not");
                }
                Object inner = evaluateCondition(operands.get(0), at, depth + 1);
                return inner instanceof Boolean bool ? !bool : inner;
            }
            case "Fn::And", "Fn::Or" -> {
                boolean and = function.equals("Fn::And");
                Object unknown = null;
                for (Object element : list(argument)) {
                    Object value = evaluateCondition(element, at, depth + 1);
                    if (value instanceof Boolean bool) {
                        if (and && !bool) {
                            return Boolean.FALSE;
                        }
                        if (!and && bool) {
                            return Boolean.TRUE;
                        }
                    } else {
                        unknown = value;
                    }
                }
                return unknown != null ? unknown : Boolean.valueOf(and);
            }
            case "Fn::Equals" -> {
                List<Object> operands = list(argument);
                if (operands.size() != 2) {
                    problem(at, "Fn::Equals needs two values");
                    return Unknown.because("Fn::Equals needs two values");
                }
                Object left = resolveExact(operands.get(0), at);
                Object right = resolveExact(operands.get(1), at);
                if (containsUnknown(left) || containsUnknown(right)) {
                    return Unknown.because("Fn::Equals of an unknown value");
                }
                return comparable(left).equals(comparable(right));
            }
            default -> {
                problem(at, "unsupported condition function " + function);
                return Unknown.because("unsupported condition function " + function);
            }
        }
    }

    /** The text CloudFormation compares: scalars as written, lists element by element. */
    private static String comparable(Object value) {
        if (value instanceof KnownList list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? "," : "").append(comparable(list.raw(i)));
            }
            return out.append(']').toString();
        }
        if (value instanceof KnownMap) {
            return json(value);
        }
        return scalarText(value);
    }

    private static List<Object> list(Object argument) {
        if (argument instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        List<Object> single = new ArrayList<>();
        if (argument != null) {
            single.add(argument);
        }
        return single;
    }

    // ---------------------------------------------------------------- values

    /**
     * Resolves a resource's {@code Properties}: each top-level property on its own, so one that
     * is too large to resolve becomes unknown without taking the others with it.
     */
    Object resolveProperties(Object value, SourceLocation location) {
        if (value instanceof Map<?, ?> map && !isIntrinsic(map)) {
            KnownMap result = new KnownMap(location, map.size());
            for (Entry entry : expandInPlace(map, location)) {
                Object resolved;
                try {
                    resolved = withBindings(entry.bindings(), () -> resolve(entry.value(), entry.location(), 1));
                } catch (TooLarge e) {
                    resolved = tooLarge(entry.location());
                }
                if (resolved != NO_VALUE && resolved != null) {
                    result.put(entry.key(), resolved, entry.location());
                }
            }
            return result;
        }
        return resolveTop(value, location);
    }

    /** {@link #resolve} for a whole value, unknown when it is too large. */
    Object resolveTop(Object value, SourceLocation location) {
        try {
            return resolve(value, location, 0);
        } catch (TooLarge e) {
            return tooLarge(location);
        }
    }

    private Object tooLarge(SourceLocation at) {
        if (!tooLarge) {
            tooLarge = true;
            problem(at, "the template's values are too large to resolve (more than " + MAX_VALUES
                    + " values, as an alias bomb would make); the rest of them is treated as unknown");
        }
        return Unknown.because("template values too large to resolve");
    }

    private Object resolveExact(Object value, SourceLocation location) {
        boolean previous = exact;
        exact = true;
        try {
            return resolve(value, location, 0);
        } finally {
            exact = previous;
        }
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || (key.startsWith("Fn::") && !key.startsWith(FOR_EACH));
    }

    private List<Entry> expandInPlace(Map<?, ?> map, SourceLocation location) {
        boolean loops = false;
        for (Object key : map.keySet()) {
            if (String.valueOf(key).startsWith(FOR_EACH)) {
                loops = true;
                break;
            }
        }
        if (loops) {
            return expand(map, location, bindings, 0, new int[1]);
        }
        List<Entry> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> item : map.entrySet()) {
            String key = String.valueOf(item.getKey());
            SourceLocation at = map instanceof YamlMap yaml ? location(yaml.entrySpan(key), location) : location;
            entries.add(new Entry(key, item.getValue(), at, bindings));
        }
        return entries;
    }

    /** Resolves {@code value}; maps and lists become located model containers. */
    public Object resolve(Object value, SourceLocation location, int depth) {
        if (tooLarge || ++values > MAX_VALUES) {
            throw new TooLarge();
        }
        if (depth > MAX_DEPTH) {
            problem(location, "value nested more than " + MAX_DEPTH + " levels deep; it is treated as unknown");
            return Unknown.because("value nested too deeply");
        }
        if (value instanceof Map<?, ?> map) {
            if (isIntrinsic(map)) {
                String key = String.valueOf(map.keySet().iterator().next());
                return intrinsic(key, map.get(key), location, depth + 1);
            }
            KnownMap result = new KnownMap(location, map.size());
            for (Entry entry : expandInPlace(map, location)) {
                Object resolved = entry.bindings() == bindings ? resolve(entry.value(), entry.location(), depth + 1)
                        : withBindings(entry.bindings(), () -> resolve(entry.value(), entry.location(), depth + 1));
                if (resolved != NO_VALUE && resolved != null) {
                    result.put(entry.key(), resolved, entry.location());
                }
            }
            return result;
        }
        if (value instanceof List<?> list) {
            KnownList result = new KnownList(location, list.size());
            for (int i = 0; i < list.size(); i++) {
                SourceLocation elementLocation = list instanceof YamlList yaml ? location(yaml.elementSpan(i), location) : location;
                Object resolved = resolve(list.get(i), elementLocation, depth + 1);
                if (resolved != NO_VALUE && resolved != null) {
                    result.append(resolved, elementLocation);
                }
            }
            return result;
        }
        if (value instanceof String text) {
            String plain = substitute(text, bindings);
            return exact ? plain : plain(plain);
        }
        return value;
    }

    /** CloudFormation reads "true" and "false" as booleans wherever the schema wants one. */
    private static Object plain(Object value) {
        if (value instanceof String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
        }
        return value;
    }

    private boolean isResource(String name) {
        if (!expandingResources) {
            resources();
        }
        return resourceIds.contains(name) || generated.test(name);
    }

    private Object intrinsic(String function, Object argument, SourceLocation location, int depth) {
        switch (function) {
            case "Ref" -> {
                if (!(argument instanceof String name)) {
                    Object resolved = resolveExact(argument, location);
                    if (!(resolved instanceof String name)) {
                        problem(location, "Ref needs the name of a parameter or resource");
                        return Unknown.because("malformed Ref");
                    }
                    return ref(name, location);
                }
                return ref(name, location);
            }
            case "Fn::GetAtt" -> {
                List<Object> parts = argument instanceof String text ? List.of(text.split("\\.", 2)) : list(argument);
                String resource = parts.isEmpty() ? "" : substitute(String.valueOf(parts.get(0)), bindings);
                Object attribute = parts.size() > 1 ? resolveExact(parts.get(1), location) : "";
                if (parts.size() != 2 || resource.isEmpty() || "".equals(attribute)) {
                    problem(location, "Fn::GetAtt needs a resource and an attribute");
                    return Unknown.because("malformed Fn::GetAtt");
                }
                if (!isResource(resource)) {
                    problem(location, "Fn::GetAtt of " + resource + ", which is not a resource of the template");
                    return Unknown.because("Fn::GetAtt of undefined " + resource);
                }
                return Unknown.fromResource(resource, "Fn::GetAtt " + resource + "." + scalarText(attribute));
            }
            case "Fn::ImportValue" -> {
                return Unknown.because("Fn::ImportValue is resolved from another stack");
            }
            case "Fn::GetAZs" -> {
                return Unknown.because("Fn::GetAZs depends on the account and region");
            }
            case "Fn::If" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 3) {
                    problem(location, "Fn::If needs a condition name and two values");
                    return Unknown.because("malformed Fn::If");
                }
                Object condition = condition(substitute(String.valueOf(parts.get(0)), bindings), location);
                List<?> raw = argument instanceof List<?> l ? l : parts;
                SourceLocation trueAt = raw instanceof YamlList yaml ? location(yaml.elementSpan(1), location) : location;
                SourceLocation falseAt = raw instanceof YamlList yaml ? location(yaml.elementSpan(2), location) : location;
                if (condition instanceof Boolean bool) {
                    return bool ? resolve(parts.get(1), trueAt, depth) : resolve(parts.get(2), falseAt, depth);
                }
                Object whenTrue = resolve(parts.get(1), trueAt, depth);
                Object whenFalse = resolve(parts.get(2), falseAt, depth);
                return either(whenTrue, whenFalse, location);
            }
            case "Fn::Join" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    problem(location, "Fn::Join needs a delimiter and a list");
                    return Unknown.because("malformed Fn::Join");
                }
                Object delimiter = resolveExact(parts.get(0), location);
                Object values = resolveExact(parts.get(1), location);
                if (delimiter instanceof Unknown || values instanceof Unknown) {
                    return delimiter instanceof Unknown ? delimiter : values;
                }
                if (!(values instanceof KnownList elements)) {
                    problem(location, "Fn::Join needs a list of values to join");
                    return Unknown.because("Fn::Join of something that is not a list");
                }
                StringBuilder joined = new StringBuilder();
                List<Unknown> unknowns = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    Object element = elements.raw(i);
                    if (element instanceof Unknown unknown) {
                        unknowns.add(unknown);
                        continue;
                    }
                    if (i > 0) {
                        joined.append(scalarText(delimiter));
                    }
                    joined.append(scalarText(element));
                }
                return unknowns.isEmpty() ? result(joined.toString()) : Unknown.combine(unknowns);
            }
            case "Fn::Sub" -> {
                return sub(argument, location, depth);
            }
            case "Fn::Select" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    problem(location, "Fn::Select needs an index and a list");
                    return Unknown.because("malformed Fn::Select");
                }
                Object index = resolveExact(parts.get(0), location);
                Object values = resolve(parts.get(1), location, depth);
                if (index instanceof Unknown || values instanceof Unknown) {
                    return index instanceof Unknown ? index : values;
                }
                if (!(values instanceof KnownList elements)) {
                    problem(location, "Fn::Select needs a list to select from");
                    return Unknown.because("Fn::Select from something that is not a list");
                }
                int position;
                try {
                    position = Integer.parseInt(scalarText(index).strip());
                } catch (NumberFormatException e) {
                    problem(location, "Fn::Select index " + scalarText(index) + " is not a number");
                    return Unknown.because("Fn::Select index is not a number");
                }
                if (position < 0 || position >= elements.size()) {
                    problem(location, "Fn::Select index " + position + " is out of range (the list has " + elements.size() + " values)");
                    return Unknown.because("Fn::Select index out of range");
                }
                return elements.raw(position);
            }
            case "Fn::Split" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    problem(location, "Fn::Split needs a delimiter and a string");
                    return Unknown.because("malformed Fn::Split");
                }
                Object delimiter = resolveExact(parts.get(0), location);
                Object text = resolveExact(parts.get(1), location);
                if (delimiter instanceof Unknown || text instanceof Unknown) {
                    return delimiter instanceof Unknown ? delimiter : text;
                }
                KnownList result = new KnownList(location);
                String separator = scalarText(delimiter);
                String whole = scalarText(text);
                if (separator.isEmpty()) {
                    result.append(whole, location);
                    return result;
                }
                int from = 0;
                while (true) {
                    count();
                    int at = whole.indexOf(separator, from);
                    if (at < 0) {
                        result.append(whole.substring(from), location);
                        return result;
                    }
                    result.append(whole.substring(from, at), location);
                    from = at + separator.length();
                }
            }
            case "Fn::FindInMap" -> {
                return findInMap(argument, location, depth);
            }
            case "Fn::Base64" -> {
                // The model keeps user data readable; CloudFormation encodes it on deploy.
                return resolve(argument, location, depth);
            }
            case "Fn::Cidr" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 3) {
                    problem(location, "Fn::Cidr needs a block, a count and a number of host bits");
                    return Unknown.because("malformed Fn::Cidr");
                }
                Object block = resolveExact(parts.get(0), location);
                Object count = resolveExact(parts.get(1), location);
                Object bits = resolveExact(parts.get(2), location);
                if (containsUnknown(block) || containsUnknown(count) || containsUnknown(bits)) {
                    return Unknown.combine(unknowns(List.of(block, count, bits)));
                }
                return cidr(scalarText(block), scalarText(count), scalarText(bits), location);
            }
            case "Fn::Length" -> {
                Object values = resolve(argument, location, depth);
                if (values instanceof KnownList elements) {
                    return (long) elements.size();
                }
                if (values instanceof Unknown) {
                    return values;
                }
                problem(location, "Fn::Length needs a list");
                return Unknown.because("Fn::Length of something that is not a list");
            }
            case "Fn::ToJsonString" -> {
                Object value = resolveExact(argument, location);
                if (containsUnknown(value)) {
                    return Unknown.combine(unknowns(List.of(value)));
                }
                return json(value);
            }
            case "Fn::Transform" -> {
                return Unknown.because("Fn::Transform runs a macro (such as AWS::Include) at deploy time");
            }
            default -> {
                problem(location, "unknown intrinsic function " + function);
                return Unknown.because("unknown intrinsic function " + function);
            }
        }
    }

    private void count() {
        if (++values > MAX_VALUES) {
            throw new TooLarge();
        }
    }

    /** A resolved string as the model keeps it ("true" as a boolean), unless text is wanted. */
    private Object result(String text) {
        return exact ? text : plain(text);
    }

    /**
     * The value of an {@code Fn::If} whose condition is undecided: what both branches agree on,
     * unknown (with the references of both) where they differ or one removes the value.
     */
    private Object either(Object whenTrue, Object whenFalse, SourceLocation location) {
        if (whenTrue == NO_VALUE && whenFalse == NO_VALUE) {
            return NO_VALUE;
        }
        if (whenTrue instanceof KnownMap left && whenFalse instanceof KnownMap right) {
            KnownMap result = new KnownMap(left.location());
            for (String key : left.keyList()) {
                Object other = right.containsKey(key) ? right.raw(key) : NO_VALUE;
                result.put(key, either(left.raw(key), other, location), left.entryLocation(key));
            }
            for (String key : right.keyList()) {
                if (!left.containsKey(key)) {
                    result.put(key, either(NO_VALUE, right.raw(key), location), right.entryLocation(key));
                }
            }
            return result;
        }
        if (whenTrue instanceof KnownList left && whenFalse instanceof KnownList right && left.size() == right.size()) {
            KnownList result = new KnownList(left.location(), left.size());
            for (int i = 0; i < left.size(); i++) {
                result.append(either(left.raw(i), right.raw(i), location), left.elementLocation(i));
            }
            return result;
        }
        boolean scalars = !(whenTrue instanceof KnownMap || whenTrue instanceof KnownList || whenTrue instanceof Unknown
                || whenTrue == NO_VALUE || whenFalse instanceof KnownMap || whenFalse instanceof KnownList
                || whenFalse instanceof Unknown || whenFalse == NO_VALUE);
        if (scalars && whenTrue.getClass() == whenFalse.getClass() && whenTrue.equals(whenFalse)) {
            return whenTrue;
        }
        List<Unknown> parts = new ArrayList<>();
        parts.add(Unknown.because("Fn::If on a condition that cannot be decided before deployment"));
        parts.addAll(unknowns(List.of(whenTrue, whenFalse)));
        return Unknown.combine(parts);
    }

    /** The unknowns inside {@code values}, for their references. */
    private static List<Unknown> unknowns(List<Object> values) {
        List<Unknown> found = new ArrayList<>();
        for (Object value : values) {
            collectUnknowns(value, found, 0);
        }
        return found;
    }

    private static void collectUnknowns(Object value, List<Unknown> found, int depth) {
        if (depth > MAX_DEPTH || found.size() > 100) {
            return;
        }
        if (value instanceof Unknown unknown) {
            found.add(unknown);
        } else if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                collectUnknowns(map.raw(key), found, depth + 1);
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknowns(list.raw(i), found, depth + 1);
            }
        }
    }

    private Object findInMap(Object argument, SourceLocation location, int depth) {
        List<Object> parts = list(argument);
        if (parts.size() < 3 || parts.size() > 4) {
            problem(location, "Fn::FindInMap needs a map name, a top-level key and a second-level key");
            return Unknown.because("malformed Fn::FindInMap");
        }
        Object fallback = parts.size() == 4 && parts.get(3) instanceof Map<?, ?> options && options.containsKey("DefaultValue")
                ? options.get("DefaultValue") : null;
        Object map = resolveExact(parts.get(0), location);
        Object top = resolveExact(parts.get(1), location);
        Object second = resolveExact(parts.get(2), location);
        if (containsUnknown(map) || containsUnknown(top) || containsUnknown(second)) {
            return Unknown.because("Fn::FindInMap with an unknown key");
        }
        YamlMap mappings = section("Mappings");
        if (mappings != null && mappings.get(scalarText(map)) instanceof YamlMap level1
                && level1.get(scalarText(top)) instanceof YamlMap level2) {
            Object found = level2.get(scalarText(second));
            if (found != null) {
                return resolve(found, location, depth);
            }
        }
        if (fallback != null) {
            return resolve(fallback, location, depth);
        }
        problem(location, "Fn::FindInMap finds no " + scalarText(map) + "/" + scalarText(top) + "/" + scalarText(second) + " in Mappings");
        return Unknown.because("Fn::FindInMap key not found");
    }

    // ---------------------------------------------------------------- Ref and parameters

    private Object ref(String written, SourceLocation location) {
        String name = written.strip();
        if (bindings.containsKey(name)) {
            return result(bindings.get(name));
        }
        switch (name) {
            case "AWS::NoValue" -> {
                return NO_VALUE;
            }
            case "AWS::Partition" -> {
                return overrides.getOrDefault(name, partition());
            }
            case "AWS::URLSuffix" -> {
                return overrides.getOrDefault(name, partition().equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
            }
            case "AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::NotificationARNs" -> {
                String value = overrides.get(name);
                if (value == null) {
                    return Unknown.because(name + " is known when the stack is deployed");
                }
                return name.equals("AWS::NotificationARNs") ? split(value, location) : value;
            }
            default -> {
                // parameters and resources below
            }
        }
        YamlMap parameterSection = section("Parameters");
        if (parameterSection != null && parameterSection.containsKey(name)) {
            return parameter(name, parameterSection, location);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && isResource(name.substring(0, dot))) {
            // SAM's MyFunction.Alias and MyFunction.Version.
            return Unknown.fromResource(name.substring(0, dot), "Ref " + name);
        }
        if (isResource(name)) {
            return Unknown.fromResource(name, "Ref " + name);
        }
        problem(location, "Ref to " + name + ", which is neither a parameter nor a resource");
        return Unknown.because("Ref to undefined " + name);
    }

    /** {@code AWS::Partition}: as set, or from the region set, or the commercial partition. */
    String partitionName() {
        return overrides.getOrDefault("AWS::Partition", partition());
    }

    /** The partition of the region given with {@code --cfn-param AWS::Region=...}; the commercial one otherwise. */
    private String partition() {
        String region = overrides.getOrDefault("AWS::Region", "");
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        return "aws";
    }

    private KnownList split(String text, SourceLocation location) {
        KnownList list = new KnownList(location);
        for (String part : text.split(",", -1)) {
            list.append(part.strip(), location);
        }
        return list;
    }

    /**
     * A parameter's value, located at the {@code Ref} that reads it: the override, the default,
     * or unknown (no default, or read from SSM at deploy time). List types are split on commas.
     */
    private Object parameter(String name, YamlMap section, SourceLocation location) {
        Object declaration = section.get(name);
        String type = declaration instanceof Map<?, ?> map && map.get("Type") != null ? String.valueOf(map.get("Type")).strip() : "String";
        Object raw;
        if (parameters.containsKey(name)) {
            raw = parameters.get(name);
        } else {
            String override = overrides.get(name);
            if (override != null) {
                raw = override;
            } else if (type.startsWith("AWS::SSM::Parameter::Value")) {
                raw = Unknown.because("parameter " + name + " is read from SSM Parameter Store at deploy time");
            } else if (declaration instanceof Map<?, ?> map && map.containsKey("Default")) {
                raw = map.get("Default");
            } else {
                raw = Unknown.because("parameter " + name + " has no default (set it with --cfn-param " + name + "=VALUE)");
            }
            parameters.put(name, raw);
        }
        if (raw instanceof Unknown) {
            return raw;
        }
        boolean listType = type.startsWith("List<") || type.equals("CommaDelimitedList")
                || (type.startsWith("AWS::SSM::Parameter::Value<List<") || type.equals("AWS::SSM::Parameter::Value<CommaDelimitedList>"));
        if (listType && (raw instanceof String || raw instanceof Number)) {
            return split(scalarText(raw), location);
        }
        if (raw instanceof String text) {
            return exact ? text : plain(text);
        }
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            return resolve(raw, location, 1);
        }
        return raw;
    }

    // ---------------------------------------------------------------- Fn::Sub

    private Object sub(Object argument, SourceLocation location, int depth) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> parts) {
            if (parts.isEmpty() || parts.size() > 2) {
                problem(location, "Fn::Sub needs a string and, optionally, a map of variables");
                return Unknown.because("malformed Fn::Sub");
            }
            Object first = resolveExact(parts.get(0), location);
            if (first instanceof Unknown) {
                return first;
            }
            text = scalarText(first);
            if (parts.size() > 1) {
                if (!(parts.get(1) instanceof Map<?, ?> map)) {
                    problem(location, "Fn::Sub variables must be a map");
                    return Unknown.because("malformed Fn::Sub");
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    variables.put(String.valueOf(entry.getKey()), resolveExact(entry.getValue(), location));
                }
            }
        } else if (argument instanceof String string) {
            text = string;
        } else {
            problem(location, "Fn::Sub needs a string");
            return Unknown.because("malformed Fn::Sub");
        }
        StringBuilder out = new StringBuilder();
        List<Unknown> unknowns = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int close = text.indexOf('}', open);
            if (close < 0) {
                out.append(text, open, text.length());
                break;
            }
            String name = text.substring(open + 2, close);
            i = close + 1;
            if (name.startsWith("!")) {
                // ${!Literal} writes ${Literal}.
                out.append("${").append(name.substring(1)).append('}');
                continue;
            }
            name = name.strip();
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (bindings.containsKey(name)) {
                value = bindings.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String resource = name.substring(0, name.indexOf('.'));
                if (isResource(resource)) {
                    value = Unknown.fromResource(resource, "Fn::GetAtt " + name);
                } else {
                    problem(location, "Fn::Sub names " + name + ", but " + resource + " is not a resource of the template");
                    value = Unknown.because("Fn::Sub of undefined " + name);
                }
            } else {
                value = ref(name, location);
            }
            if (value instanceof Unknown valueUnknown) {
                unknowns.add(valueUnknown);
                continue;
            }
            if (value == NO_VALUE) {
                continue;
            }
            if (value instanceof KnownList || value instanceof KnownMap) {
                problem(location, "Fn::Sub variable " + name + " is not a string");
                unknowns.add(Unknown.because("Fn::Sub of a list"));
                continue;
            }
            out.append(scalarText(value));
        }
        return unknowns.isEmpty() ? result(out.toString()) : Unknown.combine(unknowns);
    }

    private static String scalarText(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 1e15) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }

    // ---------------------------------------------------------------- Fn::Cidr

    private Object cidr(String block, String countText, String bitsText, SourceLocation location) {
        int slash = block.indexOf('/');
        String address = slash < 0 ? "" : block.substring(0, slash);
        // Only address literals: a host name must never be looked up.
        if (!(ipv4(address) || IPV6.matcher(address).matches())) {
            problem(location, "Fn::Cidr cannot read the block " + block);
            return Unknown.because("Fn::Cidr of an unreadable block");
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = Integer.parseInt(block.substring(slash + 1).strip());
            int count = Integer.parseInt(countText.strip());
            int hostBits = Integer.parseInt(bitsText.strip());
            int totalBits = bytes.length * 8;
            int length = totalBits - hostBits;
            if (prefix < 0 || prefix > totalBits || count < 1 || count > 256 || hostBits < 0 || length < prefix
                    || (length - prefix < 9 && count > (1 << (length - prefix)))) {
                problem(location, "Fn::Cidr cannot make " + count + " blocks of /" + length + " in " + block);
                return Unknown.because("Fn::Cidr out of range");
            }
            BigInteger base = new BigInteger(1, bytes).andNot(BigInteger.ONE.shiftLeft(totalBits - prefix).subtract(BigInteger.ONE));
            KnownList result = new KnownList(location);
            for (int i = 0; i < count; i++) {
                BigInteger subnet = base.add(BigInteger.valueOf(i).shiftLeft(hostBits));
                byte[] raw = subnet.toByteArray();
                byte[] out = new byte[bytes.length];
                int copy = Math.min(raw.length, out.length);
                System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
                result.append(text(out) + "/" + length, location);
            }
            return result;
        } catch (UnknownHostException | NumberFormatException e) {
            problem(location, "Fn::Cidr cannot read the block " + block);
            return Unknown.because("Fn::Cidr of an unreadable block");
        }
    }

    private static boolean ipv4(String address) {
        if (!IPV4.matcher(address).matches()) {
            return false;
        }
        for (String part : address.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An address as CloudFormation writes it: dotted IPv4, or IPv6 with the longest run of zero groups shortened. */
    static String text(byte[] address) {
        if (address.length == 4) {
            return IpAddresses.ipv4(((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16) | ((address[2] & 0xffL) << 8) | (address[3] & 0xffL));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        return IpAddresses.ipv6(groups);
    }

    // ---------------------------------------------------------------- helpers

    static boolean containsUnknown(Object value) {
        if (value instanceof Unknown) {
            return true;
        }
        if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                if (containsUnknown(map.raw(key))) {
                    return true;
                }
            }
        }
        if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (containsUnknown(list.raw(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        json(value, out);
        return out.toString();
    }

    private static void json(Object value, StringBuilder out) {
        if (value instanceof KnownMap map) {
            out.append('{');
            boolean first = true;
            for (String key : map.keyList()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                escape(key, out);
                out.append(':');
                json(map.raw(key), out);
            }
            out.append('}');
        } else if (value instanceof KnownList list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(list.raw(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            escape(text, out);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            escape(String.valueOf(number), out);
        } else {
            out.append(value);
        }
    }

    private static void escape(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
