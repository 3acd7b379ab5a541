package dev.bulwark.aws.cloudformation;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a CloudFormation template's intrinsic functions into plain values, as far as they can
 * be known before a stack exists: parameters (defaults, overridden by {@code --cfn-param}),
 * mappings, conditions, {@code Ref}, {@code Fn::Sub} (both forms), {@code Fn::Join},
 * {@code Fn::If}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap}, {@code Fn::Base64},
 * {@code Fn::Cidr}, {@code Fn::Length}, {@code Fn::ToJsonString} and the pseudo parameters. Values
 * that only exist after deployment ({@code Ref} to a resource, {@code Fn::GetAtt},
 * {@code Fn::ImportValue}, {@code Fn::GetAZs}, the account id) are {@link Unknown}; a reference
 * to a resource remembers its logical id so resources can be related. {@code AWS::NoValue} removes
 * the property. Each resolved value is located at the place it was written (for an intrinsic, the
 * intrinsic's place).
 *
 * <p>One resolver per template; not thread-safe.
 */
public final class TemplateResolver {
    private static final int MAX_DEPTH = 100;
    /** The value of {@code AWS::NoValue}: the property is removed. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private final YamlMap template;
    private final String file;
    private final Map<String, String> overrides;
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> conditions = new HashMap<>();
    private final List<String> conditionStack = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public TemplateResolver(YamlMap template, String file, Map<String, String> overrides) {
        this.template = template;
        this.file = file;
        this.overrides = Map.copyOf(overrides);
    }

    /** Problems met while resolving (a condition cycle, a malformed intrinsic), for warnings. */
    public List<String> problems() {
        return problems;
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

    /** Whether a resource's {@code Condition} holds: TRUE, FALSE or an {@link Unknown}. */
    Object condition(String name) {
        if (conditions.containsKey(name)) {
            Object known = conditions.get(name);
            if (known == null) {
                problems.add("condition " + name + " refers to itself");
                return Unknown.because("condition cycle");
            }
            return known;
        }
        YamlMap section = section("Conditions");
        if (section == null || !section.containsKey(name)) {
            problems.add("condition " + name + " is not defined in the Conditions section");
            return Unknown.because("undefined condition " + name);
        }
        conditions.put(name, null);
        Object value = evaluateCondition(section.get(name), 0);
        conditions.put(name, value);
        return value;
    }

    private Object evaluateCondition(Object expression, int depth) {
        if (depth > MAX_DEPTH) {
            return Unknown.because("condition nested too deeply");
        }
        if (expression instanceof Boolean bool) {
            return bool;
        }
        if (expression instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        if (!(expression instanceof Map<?, ?> map) || map.size() != 1) {
            return Unknown.because("malformed condition");
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String function = String.valueOf(entry.getKey());
        Object argument = entry.getValue();
        switch (function) {
            case "Condition" -> {
                return condition(String.valueOf(argument));
            }
            case "Fn::Not" -> {
                Object inner = evaluateCondition(first(argument), depth + 1);
                return inner instanceof Boolean bool ? !bool : inner;
            }
            case "Fn::And", "Fn::Or" -> {
                boolean and = function.equals("Fn::And");
                Object unknown = null;
                for (Object element : list(argument)) {
                    Object value = evaluateCondition(element, depth + 1);
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
                    return Unknown.because("Fn::Equals needs two values");
                }
                Object left = resolve(operands.get(0), rootLocation(), depth + 1);
                Object right = resolve(operands.get(1), rootLocation(), depth + 1);
                if (containsUnknown(left) || containsUnknown(right)) {
                    return Unknown.because("Fn::Equals of an unknown value");
                }
                return String.valueOf(left).equals(String.valueOf(right));
            }
            default -> {
                return Unknown.because("unsupported condition function " + function);
            }
        }
    }

    private static Object first(Object argument) {
        List<Object> elements = list(argument);
        return elements.isEmpty() ? null : elements.get(0);
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

    /** Resolves {@code value}; maps and lists become located model containers. */
    public Object resolve(Object value, SourceLocation location, int depth) {
        if (depth > MAX_DEPTH) {
            return Unknown.because("value nested too deeply");
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.get(key), location, depth + 1);
                }
            }
            KnownMap result = new KnownMap(location, map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                SourceLocation entryLocation = map instanceof YamlMap yaml ? location(yaml.entrySpan(key), location) : location;
                Object resolved = resolve(entry.getValue(), entryLocation, depth + 1);
                if (resolved != NO_VALUE && resolved != null) {
                    result.put(key, resolved, entryLocation);
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
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                // CloudFormation reads "true" and "false" as booleans wherever the schema wants one.
                return Boolean.valueOf(lower);
            }
        }
        return value;
    }

    private Object intrinsic(String function, Object argument, SourceLocation location, int depth) {
        switch (function) {
            case "Ref" -> {
                return ref(String.valueOf(argument), location);
            }
            case "Fn::GetAtt" -> {
                List<Object> parts = argument instanceof String text ? List.of(text.split("\\.", 2)) : list(argument);
                String resource = parts.isEmpty() ? "" : String.valueOf(parts.get(0));
                String attribute = parts.size() > 1 ? String.valueOf(resolve(parts.get(1), location, depth)) : "";
                return Unknown.fromResource(resource, "Fn::GetAtt " + resource + "." + attribute);
            }
            case "Fn::ImportValue" -> {
                return Unknown.because("Fn::ImportValue is resolved from another stack");
            }
            case "Fn::GetAZs" -> {
                return Unknown.because("Fn::GetAZs depends on the region");
            }
            case "Fn::If" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 3) {
                    problems.add("Fn::If needs a condition name and two values");
                    return Unknown.because("malformed Fn::If");
                }
                Object condition = condition(String.valueOf(parts.get(0)));
                if (condition instanceof Boolean bool) {
                    return resolve(parts.get(bool ? 1 : 2), location, depth);
                }
                Object whenTrue = resolve(parts.get(1), location, depth);
                Object whenFalse = resolve(parts.get(2), location, depth);
                if (!containsUnknown(whenTrue) && whenTrue != NO_VALUE && whenFalse != NO_VALUE
                        && String.valueOf(whenTrue).equals(String.valueOf(whenFalse))) {
                    return whenTrue;
                }
                return condition;
            }
            case "Fn::Join" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    problems.add("Fn::Join needs a delimiter and a list");
                    return Unknown.because("malformed Fn::Join");
                }
                Object delimiter = resolve(parts.get(0), location, depth);
                Object values = resolve(parts.get(1), location, depth);
                if (delimiter instanceof Unknown || values instanceof Unknown) {
                    return delimiter instanceof Unknown ? delimiter : values;
                }
                if (!(values instanceof KnownList elements)) {
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
                        joined.append(delimiter);
                    }
                    joined.append(scalarText(element));
                }
                return unknowns.isEmpty() ? joined.toString() : Unknown.combine(unknowns);
            }
            case "Fn::Sub" -> {
                return sub(argument, location, depth);
            }
            case "Fn::Select" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    problems.add("Fn::Select needs an index and a list");
                    return Unknown.because("malformed Fn::Select");
                }
                Object index = resolve(parts.get(0), location, depth);
                Object values = resolve(parts.get(1), location, depth);
                if (index instanceof Unknown || values instanceof Unknown) {
                    return index instanceof Unknown ? index : values;
                }
                if (!(values instanceof KnownList elements)) {
                    return Unknown.because("Fn::Select from something that is not a list");
                }
                try {
                    int position = Integer.parseInt(String.valueOf(index));
                    if (position < 0 || position >= elements.size()) {
                        problems.add("Fn::Select index " + position + " is out of range");
                        return Unknown.because("Fn::Select index out of range");
                    }
                    return elements.raw(position);
                } catch (NumberFormatException e) {
                    return Unknown.because("Fn::Select index is not a number");
                }
            }
            case "Fn::Split" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 2) {
                    return Unknown.because("malformed Fn::Split");
                }
                Object delimiter = resolve(parts.get(0), location, depth);
                Object text = resolve(parts.get(1), location, depth);
                if (delimiter instanceof Unknown || text instanceof Unknown) {
                    return delimiter instanceof Unknown ? delimiter : text;
                }
                KnownList result = new KnownList(location);
                String separator = String.valueOf(delimiter);
                String whole = scalarText(text);
                if (separator.isEmpty()) {
                    result.append(whole, location);
                    return result;
                }
                int from = 0;
                while (true) {
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
                List<Object> parts = list(argument);
                if (parts.size() < 3) {
                    return Unknown.because("malformed Fn::FindInMap");
                }
                Object map = resolve(parts.get(0), location, depth);
                Object top = resolve(parts.get(1), location, depth);
                Object second = resolve(parts.get(2), location, depth);
                if (containsUnknown(map) || containsUnknown(top) || containsUnknown(second)) {
                    return Unknown.because("Fn::FindInMap with an unknown key");
                }
                YamlMap mappings = section("Mappings");
                Object found = null;
                if (mappings != null && mappings.get(String.valueOf(map)) instanceof YamlMap level1
                        && level1.get(String.valueOf(top)) instanceof YamlMap level2) {
                    found = level2.get(String.valueOf(second));
                    if (found != null) {
                        return resolve(found, location(level2.entrySpan(String.valueOf(second)), location), depth);
                    }
                }
                if (parts.size() > 3 && parts.get(3) instanceof Map<?, ?> options && options.containsKey("DefaultValue")) {
                    return resolve(options.get("DefaultValue"), location, depth);
                }
                problems.add("Fn::FindInMap finds no " + map + "/" + top + "/" + second);
                return Unknown.because("Fn::FindInMap key not found");
            }
            case "Fn::Base64" -> {
                Object text = resolve(argument, location, depth);
                // The model keeps user data readable; CloudFormation encodes it on deploy.
                return text;
            }
            case "Fn::Cidr" -> {
                List<Object> parts = list(argument);
                if (parts.size() != 3) {
                    return Unknown.because("malformed Fn::Cidr");
                }
                Object block = resolve(parts.get(0), location, depth);
                Object count = resolve(parts.get(1), location, depth);
                Object bits = resolve(parts.get(2), location, depth);
                if (containsUnknown(block) || containsUnknown(count) || containsUnknown(bits)) {
                    return Unknown.because("Fn::Cidr of an unknown value");
                }
                return cidr(String.valueOf(block), String.valueOf(count), String.valueOf(bits), location);
            }
            case "Fn::Length" -> {
                Object values = resolve(argument, location, depth);
                if (values instanceof KnownList elements) {
                    return (long) elements.size();
                }
                return values instanceof Unknown ? values : Unknown.because("Fn::Length of something that is not a list");
            }
            case "Fn::ToJsonString" -> {
                Object value = resolve(argument, location, depth);
                if (containsUnknown(value)) {
                    return Unknown.because("Fn::ToJsonString of an unknown value");
                }
                return json(value);
            }
            case "Fn::Transform" -> {
                return Unknown.because("Fn::Transform runs a macro at deploy time");
            }
            default -> {
                problems.add("unknown intrinsic function " + function);
                return Unknown.because("unknown intrinsic function " + function);
            }
        }
    }

    private Object ref(String name, SourceLocation location) {
        switch (name) {
            case "AWS::NoValue" -> {
                return NO_VALUE;
            }
            case "AWS::Partition" -> {
                return overrides.getOrDefault(name, "aws");
            }
            case "AWS::URLSuffix" -> {
                return overrides.getOrDefault(name, "amazonaws.com");
            }
            case "AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::NotificationARNs" -> {
                String value = overrides.get(name);
                return value != null ? value : Unknown.because(name + " is known when the stack is deployed");
            }
            default -> {
                // parameters and resources below
            }
        }
        YamlMap parameterSection = section("Parameters");
        if (parameterSection != null && parameterSection.containsKey(name)) {
            return parameter(name, parameterSection, location);
        }
        YamlMap resources = section("Resources");
        if (resources != null && resources.containsKey(name)) {
            return Unknown.fromResource(name, "Ref " + name);
        }
        problems.add("Ref to " + name + ", which is neither a parameter nor a resource");
        return Unknown.because("Ref to undefined " + name);
    }

    private Object parameter(String name, YamlMap section, SourceLocation location) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object declaration = section.get(name);
        String type = declaration instanceof Map<?, ?> map && map.get("Type") != null ? String.valueOf(map.get("Type")) : "String";
        Object value;
        String override = overrides.get(name);
        if (override != null) {
            value = override;
        } else if (type.startsWith("AWS::SSM::Parameter::Value")) {
            value = Unknown.because("parameter " + name + " is read from SSM at deploy time");
        } else if (declaration instanceof Map<?, ?> map && map.containsKey("Default")) {
            value = map.get("Default");
        } else {
            value = Unknown.because("parameter " + name + " has no default (set it with --cfn-param " + name + "=VALUE)");
        }
        if ((type.startsWith("List<") || type.equals("CommaDelimitedList")) && value instanceof String text) {
            KnownList list = new KnownList(location);
            for (String part : text.split(",", -1)) {
                list.append(part.strip(), location);
            }
            value = list;
        } else if (!(value instanceof Unknown)) {
            value = resolve(value, location, 0);
        }
        parameters.put(name, value);
        return value;
    }

    private Object sub(Object argument, SourceLocation location, int depth) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> parts) {
            if (parts.isEmpty()) {
                return Unknown.because("malformed Fn::Sub");
            }
            Object first = resolve(parts.get(0), location, depth);
            if (first instanceof Unknown) {
                return first;
            }
            text = String.valueOf(first);
            if (parts.size() > 1 && parts.get(1) instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    variables.put(String.valueOf(entry.getKey()), resolve(entry.getValue(), location, depth));
                }
            }
        } else {
            text = String.valueOf(argument);
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
            String name = text.substring(open + 2, close).strip();
            i = close + 1;
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
                continue;
            }
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String resource = name.substring(0, name.indexOf('.'));
                value = Unknown.fromResource(resource, "Fn::GetAtt " + name);
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
            out.append(scalarText(value));
        }
        return unknowns.isEmpty() ? out.toString() : Unknown.combine(unknowns);
    }

    private static String scalarText(Object value) {
        Object plain = value;
        if (plain instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(plain);
    }

    private KnownList cidr(String block, String countText, String bitsText, SourceLocation location) {
        KnownList result = new KnownList(location);
        try {
            int slash = block.indexOf('/');
            byte[] address = InetAddress.getByName(block.substring(0, slash)).getAddress();
            int prefix = Integer.parseInt(block.substring(slash + 1));
            int count = Integer.parseInt(countText);
            int hostBits = Integer.parseInt(bitsText);
            int totalBits = address.length * 8;
            int length = totalBits - hostBits;
            if (count < 1 || count > 256 || length < prefix || hostBits < 0) {
                problems.add("Fn::Cidr cannot make " + count + " subnets of /" + length + " in " + block);
                return result;
            }
            BigInteger base = new BigInteger(1, address).andNot(BigInteger.ONE.shiftLeft(totalBits - prefix).subtract(BigInteger.ONE));
            for (int i = 0; i < count; i++) {
                BigInteger subnet = base.add(BigInteger.valueOf(i).shiftLeft(hostBits));
                byte[] raw = subnet.toByteArray();
                byte[] bytes = new byte[address.length];
                int copy = Math.min(raw.length, bytes.length);
                System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
                result.append(InetAddress.getByAddress(bytes).getHostAddress() + "/" + length, location);
            }
        } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
            problems.add("Fn::Cidr cannot read " + block);
        }
        return result;
    }

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
        if (value instanceof KnownMap map) {
            out.append('{');
            boolean first = true;
            for (String key : map.keyList()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(escape(key)).append("\":").append(json(map.raw(key)));
            }
            return out.append('}').toString();
        }
        if (value instanceof KnownList list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(json(list.raw(i)));
            }
            return out.append(']').toString();
        }
        if (value instanceof String text) {
            return "\"" + escape(text) + "\"";
        }
        return String.valueOf(value);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

}
