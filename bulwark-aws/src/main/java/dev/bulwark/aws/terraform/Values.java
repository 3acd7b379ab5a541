package dev.bulwark.aws.terraform;

import dev.bulwark.core.model.Unknown;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Terraform's value rules over the evaluator's Java values: {@code null}, {@link Unknown},
 * {@link Boolean}, {@link BigDecimal}, {@link String}, lists ({@link TfList} or any {@link List})
 * and objects ({@link TfObject} or any {@link Map}). Conversions follow Terraform's automatic
 * ones: numbers and booleans become strings where a string is needed, and strings that spell a
 * number or a boolean convert back.
 */
final class Values {
    static final MathContext MATH = MathContext.DECIMAL128;

    private Values() {}

    static boolean isUnknown(Object value) {
        return value instanceof Unknown;
    }

    /** Whether the value or anything inside it is unknown. */
    static boolean containsUnknown(Object value) {
        return containsUnknown(value, 0);
    }

    private static boolean containsUnknown(Object value, int depth) {
        if (value instanceof Unknown) {
            return true;
        }
        if (value instanceof JsonText json) {
            return !json.complete();
        }
        if (depth > 64) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                if (containsUnknown(element, depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (containsUnknown(element, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first unknown inside {@code value} (for its reference), or null. */
    static Unknown firstUnknown(Object value) {
        if (value instanceof Unknown unknown) {
            return unknown;
        }
        if (value instanceof JsonText json && !json.complete()) {
            Unknown inner = firstUnknown(json.structure());
            return inner != null ? inner : Unknown.because("JSON with unknown parts");
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                Unknown found = firstUnknown(element);
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object element : list) {
                Unknown found = firstUnknown(element);
                if (found != null) {
                    return found;
                }
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
            return json.json();
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a string");
        }
        throw new EvaluationException("a " + typeName(value) + " value cannot be used as a string");
    }

    static String formatNumber(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() < 0 && stripped.precision() - stripped.scale() <= 30) {
            stripped = stripped.setScale(0);
        }
        return stripped.toPlainString();
    }

    static BigDecimal asNumber(Object value) throws EvaluationException {
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof String || value instanceof JsonText) {
            String text = value.toString();
            try {
                return new BigDecimal(text.strip());
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
            return number.intValueExact();
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

    /** Terraform equality: same type and value; numbers compare by value; no conversion. */
    static boolean equal(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof JsonText json) {
            left = json.json();
        }
        if (right instanceof JsonText json) {
            right = json.json();
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> a && right instanceof Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                if (!b.containsKey(entry.getKey()) || !equal(entry.getValue(), b.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
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
