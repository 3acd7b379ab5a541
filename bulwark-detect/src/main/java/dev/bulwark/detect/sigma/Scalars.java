package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * How event values read as text and as numbers, one place for the matcher and the rule index.
 * Numbers compare by value ({@code 42}, {@code 42.0}, {@code "42"} and {@code "042"} are equal);
 * booleans read as {@code true}/{@code false}.
 */
final class Scalars {
    private static final int MAX_NUMBER_LENGTH = 64;

    private Scalars() {}

    /** The text of a scalar node, or null for null, objects, arrays and missing nodes. */
    static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return null;
    }

    /** The number a node holds or spells, or null. */
    static BigDecimal number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) {
                double value = node.doubleValue();
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    return null;
                }
            }
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return parseNumber(node.textValue());
        }
        return null;
    }

    /**
     * A decimal number written plainly ({@code -12}, {@code 3.5}, {@code 1e3}; exponent of at most
     * three digits), or null. Hand-written: it runs for every textual value compared to a number.
     */
    static BigDecimal parseNumber(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_NUMBER_LENGTH) {
            return null;
        }
        int index = 0;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            index++;
        }
        int digits = 0;
        while (index < length && isDigit(text.charAt(index))) {
            index++;
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        if (index < length && text.charAt(index) == '.') {
            index++;
            int fraction = 0;
            while (index < length && isDigit(text.charAt(index))) {
                index++;
                fraction++;
            }
            if (fraction == 0) {
                return null;
            }
        }
        if (index < length && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            index++;
            if (index < length && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
                index++;
            }
            int exponent = 0;
            while (index < length && isDigit(text.charAt(index))) {
                index++;
                exponent++;
            }
            if (exponent == 0 || exponent > 3) {
                return null;
            }
        }
        if (index != length) {
            return null;
        }
        return new BigDecimal(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The rule-index key of a text: its number in canonical form when it spells one, else its case fold. */
    static String key(String text) {
        BigDecimal number = parseNumber(text);
        return number == null ? CaseFold.fold(text) : canonical(number);
    }

    /** The rule-index key of an event scalar, or null when it has none. */
    static String key(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal number = number(node);
            return number == null ? null : canonical(number);
        }
        if (node.isTextual()) {
            return key(node.textValue());
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return null;
    }

    static String canonical(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        return number.stripTrailingZeros().toPlainString();
    }
}
