package dev.bulwark.aws.terraform;

import dev.bulwark.core.model.Unknown;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Terraform's value rules over the evaluator's Java values: {@code null}, {@link Unknown},
 * {@link Boolean}, {@link BigDecimal}, {@link String}, lists ({@link TfList} or any {@link List})
 * and objects ({@link TfObject} or any {@link Map}). Conversions follow Terraform's automatic
 * ones: numbers and booleans become strings where a string is needed, and strings that spell a
 * number or a boolean convert back.
 */
final class Values {
    static final MathContext MATH = MathContext.DECIMAL128;

    /** Terraform's order of keys and strings: by code point (Go compares UTF-8 bytes, which is the same). */
    static final java.util.Comparator<String> LEXICAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private Values() {}

    static boolean isUnknown(Object value) {
        return value instanceof Unknown;
    }

    /** Whether the value or anything inside it is unknown. */
    static boolean containsUnknown(Object value) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)) {
            return value instanceof Unknown || (value instanceof JsonText json && !json.complete());
        }
        return firstUnknown(value, 0, identitySet()) != null;
    }

    /** The first unknown inside {@code value} (for its reference), or null. */
    static Unknown firstUnknown(Object value) {
        return firstUnknown(value, 0, identitySet());
    }

    private static Set<Object> identitySet() {
        return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * Walks each container once: values share parts ({@code [local.a, local.a]}), and a walk that
     * revisits them would take time exponential in the number of such locals.
     */
    private static Unknown firstUnknown(Object value, int depth, Set<Object> visited) {
        if (value instanceof Unknown unknown) {
            return unknown;
        }
        if (value instanceof JsonText json) {
            if (json.complete()) {
                return null;
            }
            Unknown inner = depth > 64 ? null : firstUnknown(json.structure(), depth + 1, visited);
            return inner != null ? inner : Unknown.because("JSON with unknown parts");
        }
        if (depth > 64 || !(value instanceof Map<?, ?> || value instanceof Collection<?>) || !visited.add(value)) {
            return null;
        }
        Collection<?> elements = value instanceof Map<?, ?> map ? map.values() : (Collection<?>) value;
        for (Object element : elements) {
            Unknown found = firstUnknown(element, depth + 1, visited);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Unknown) {
            return "unknown";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof BigDecimal) {
            return "number";
        }
        if (value instanceof String || value instanceof JsonText) {
            return "string";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }

    /** The value as a string, converting numbers and booleans; fails for other types. */
    static String asString(Object value) throws EvaluationException {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal number) {
            return formatNumber(number);
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof JsonText json) {
            if (!json.complete()) {
                throw new EvaluationException("the JSON text has unknown parts");
            }
            return json.json();
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a string");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a string");
    }

    /**
     * The number as Terraform writes it: no exponent, no trailing zeros ({@code 1.0} is {@code 1}).
     * Arithmetic runs with 34 significant digits; results are shown with 33, so decimal rounding
     * does not leak ({@code 1 / 3 * 3} is {@code 1}, as with Terraform's binary floats).
     */
    static String formatNumber(BigDecimal number) {
        BigDecimal normalized = normalize(number);
        if (normalized.scale() < 0 && normalized.scale() >= -1000) {
            return normalized.setScale(0).toPlainString();
        }
        if (normalized.scale() > 1000 || normalized.scale() < -1000) {
            return normalized.toString();
        }
        return normalized.toPlainString();
    }

    /** Rounded to the digits results are compared and shown with, trailing zeros stripped. */
    static BigDecimal normalize(BigDecimal number) {
        return number.round(SHOWN).stripTrailingZeros();
    }

    private static final MathContext SHOWN = new MathContext(33, java.math.RoundingMode.HALF_EVEN);

    /** Largest decimal exponent a number may have: Terraform rejects far smaller ones than could hang us. */
    static final int MAX_EXPONENT = 100_000;

    /** {@code number} unless it is too large or too small to work with (e.g. {@code 1e999999999}). */
    static BigDecimal checkRange(BigDecimal number) throws EvaluationException {
        if (number.signum() != 0) {
            long exponent = (long) number.precision() - number.scale() - 1;
            if (exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT) {
                throw new EvaluationException("the number " + number.round(new MathContext(5)) + " is out of range");
            }
        }
        return number;
    }

    static BigDecimal asNumber(Object value) throws EvaluationException {
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof String || value instanceof JsonText) {
            String text = asString(value);
            if (text.length() > 1000) {
                throw new EvaluationException("\"" + abbreviate(text) + "\" is not a number");
            }
            try {
                return checkRange(new BigDecimal(text));
            } catch (NumberFormatException e) {
                throw new EvaluationException("\"" + abbreviate(text) + "\" is not a number");
            }
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a number");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a number");
    }

    static int asInt(Object value) throws EvaluationException {
        BigDecimal number = asNumber(value);
        try {
            return normalize(number).intValueExact();
        } catch (ArithmeticException e) {
            throw new EvaluationException(formatNumber(number) + " is not a whole number in range");
        }
    }

    static boolean asBool(Object value) throws EvaluationException {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text) {
            if (text.equals("true")) {
                return true;
            }
            if (text.equals("false")) {
                return false;
            }
            throw new EvaluationException("\"" + abbreviate(text) + "\" is not a bool");
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a bool");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a bool");
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) throws EvaluationException {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Map<?, ?> map) {
            // Terraform converts objects to lists of their values only in some functions; callers decide.
            throw new EvaluationException("an object cannot be used as a list");
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a list");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a list");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) throws EvaluationException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a map");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a map");
    }

    /**
     * Terraform equality: same type and value; numbers compare by value; no conversion. A tuple
     * is not equal to a list or set, nor an object to a map, whatever their elements (so
     * {@code var.list == []} is false for a {@code list(string)} variable, as in Terraform).
     */
    static boolean equal(Object left, Object right) {
        return equal(left, right, new IdentityHashMap<>());
    }

    private static boolean equal(Object left, Object right, IdentityHashMap<Object, Set<Object>> compared) {
        if (left == right) {
            return true;
        }
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof JsonText json) {
            left = json.json();
        }
        if (right instanceof JsonText json) {
            right = json.json();
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return normalize(a).compareTo(normalize(b)) == 0;
        }
        if (left instanceof List<?> && right instanceof List<?> || left instanceof Map<?, ?> && right instanceof Map<?, ?>) {
            // Parts are shared between values; a pair already compared (and so equal) is not walked again.
            Set<Object> seen = compared.computeIfAbsent(left, key -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!seen.add(right)) {
                return true;
            }
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            TfList.Kind leftKind = TfList.kindOf(a);
            TfList.Kind rightKind = TfList.kindOf(b);
            if (leftKind != rightKind && leftKind != TfList.Kind.UNSPECIFIED && rightKind != TfList.Kind.UNSPECIFIED) {
                return false;
            }
            if (a.size() != b.size()) {
                return false;
            }
            if (leftKind == TfList.Kind.SET && rightKind == TfList.Kind.SET) {
                return sameElements(a, b);
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i), compared)) {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> a && right instanceof Map<?, ?> b) {
            TfObject.Kind leftKind = TfObject.kindOf(a);
            TfObject.Kind rightKind = TfObject.kindOf(b);
            if (leftKind != rightKind && leftKind != TfObject.Kind.UNSPECIFIED && rightKind != TfObject.Kind.UNSPECIFIED) {
                return false;
            }
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                if (!b.containsKey(entry.getKey()) || !equal(entry.getValue(), b.get(entry.getKey()), compared)) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    /** Two sets of the same size hold the same elements, whatever their order. */
    private static boolean sameElements(List<?> a, List<?> b) {
        try {
            Set<String> keys = new java.util.HashSet<>();
            for (Object element : a) {
                keys.add(key(element));
            }
            for (Object element : b) {
                if (!keys.contains(key(element))) {
                    return false;
                }
            }
            return true;
        } catch (EvaluationException e) {
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A text that is equal for two known values exactly when {@link #equal} says they are (kinds
     * aside), for hashing; fails for values with unknown parts and for very large values.
     */
    static String key(Object value) throws EvaluationException {
        StringBuilder out = new StringBuilder();
        key(value, out, new int[] {200_000});
        return out.toString();
    }

    private static void key(Object value, StringBuilder out, int[] budget) throws EvaluationException {
        if (--budget[0] < 0 || out.length() > TerraformFunctions.MAX_STRING) {
            throw new EvaluationException("value is too large to compare");
        }
        if (value == null) {
            out.append('n');
        } else if (value instanceof Boolean bool) {
            out.append(bool ? 'T' : 'F');
        } else if (value instanceof BigDecimal number) {
            String text = normalize(number).toString();
            out.append('d').append(text.length()).append(':').append(text);
        } else if (value instanceof String || value instanceof JsonText) {
            String text = asString(value);
            out.append('s').append(text.length()).append(':').append(text);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (Object element : list) {
                key(element, out, budget);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            for (Object name : new java.util.TreeSet<>(map.keySet().stream().map(String::valueOf).toList())) {
                String text = (String) name;
                out.append(text.length()).append(':').append(text);
                key(map.get(name), out, budget);
            }
            out.append('}');
        } else {
            throw new EvaluationException("an unknown value cannot be compared");
        }
    }

    /** A deep copy of lists and maps into fresh evaluator containers (scalars are immutable). */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map && !(value instanceof ResourceObject)) {
            TfObject copy = new TfObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(String.valueOf(entry.getKey()), copy(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(copy(element));
            }
            return new TfList(elements);
        }
        return value;
    }

    /** A short, safe rendering of a value for messages. */
    static String describe(Object value) {
        if (value instanceof String text) {
            return "\"" + abbreviate(text) + "\"";
        }
        if (value instanceof BigDecimal number) {
            return formatNumber(number);
        }
        return String.valueOf(value);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
