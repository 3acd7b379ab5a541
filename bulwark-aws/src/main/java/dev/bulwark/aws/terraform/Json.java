package dev.bulwark.aws.terraform;

import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** JSON as Terraform's jsonencode writes it (compact, object keys sorted) and decoded values back. */
final class Json {
    /** Stands for a null element in a decoded array. */
    static final Object NULL_ELEMENT = new Object();

    private Json() {}

    static String encode(Object value) throws EvaluationException {
        StringBuilder out = new StringBuilder();
        encode(value, out, 0);
        return out.toString();
    }

    private static void encode(Object value, StringBuilder out, int depth) throws EvaluationException {
        if (depth > 100) {
            throw new EvaluationException("jsonencode() value nested too deeply");
        }
        if (out.length() > TerraformFunctions.MAX_STRING) {
            throw new EvaluationException("jsonencode() result is too long");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else if (value instanceof BigDecimal number) {
            out.append(Values.formatNumber(number));
        } else if (value instanceof String || value instanceof JsonText) {
            quote(value.toString(), out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Object key : new TreeSet<>(map.keySet())) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(key), out);
                out.append(':');
                encode(map.get(key), out, depth + 1);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                encode(list.get(i), out, depth + 1);
            }
            out.append(']');
        } else {
            throw new EvaluationException("jsonencode() cannot encode " + Values.typeName(value));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses JSON text strictly, as {@code jsondecode} does: text that is YAML but not JSON
     * ({@code not json}) fails instead of becoming a string. Numbers stay exact; a repeated key
     * keeps its last value. Nesting is limited.
     */
    static Object decode(String text) throws EvaluationException {
        Decoder decoder = new Decoder(text);
        decoder.blanks();
        Object value = decoder.value(0);
        decoder.blanks();
        if (decoder.position < text.length()) {
            throw decoder.error("unexpected text after the JSON value");
        }
        return value;
    }

    private static final class Decoder {
        private final String text;
        private int position;

        Decoder(String text) {
            this.text = text;
        }

        EvaluationException error(String message) {
            return new EvaluationException("jsondecode() input is invalid at offset " + position + ": " + message);
        }

        void blanks() {
            while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        Object value(int depth) throws EvaluationException {
            if (depth > 100) {
                throw error("nested too deeply");
            }
            if (position >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(position);
            switch (c) {
                case '{' -> {
                    position++;
                    TfObject object = new TfObject();
                    blanks();
                    if (peek() == '}') {
                        position++;
                        return object;
                    }
                    while (true) {
                        blanks();
                        if (peek() != '"') {
                            throw error("expected a key");
                        }
                        String key = string();
                        blanks();
                        expect(':');
                        blanks();
                        object.put(key, value(depth + 1));
                        blanks();
                        if (peek() == ',') {
                            position++;
                        } else {
                            expect('}');
                            return object;
                        }
                    }
                }
                case '[' -> {
                    position++;
                    TfList list = new TfList();
                    blanks();
                    if (peek() == ']') {
                        position++;
                        return list;
                    }
                    while (true) {
                        blanks();
                        list.add(value(depth + 1));
                        if (list.size() > TerraformFunctions.MAX_ELEMENTS) {
                            throw error("too many elements");
                        }
                        blanks();
                        if (peek() == ',') {
                            position++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", position)) {
                        position += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", position)) {
                        position += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", position)) {
                        position += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private void expect(char expected) throws EvaluationException {
            if (peek() != expected) {
                throw error("expected '" + expected + "'");
            }
            position++;
        }

        private String string() throws EvaluationException {
            position++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw error("unterminated escape");
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (position + 4 > text.length() || !text.substring(position, position + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("invalid unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> throw error("invalid escape \\" + escaped);
                }
            }
        }

        private Object number() throws EvaluationException {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            if (peek() == '0') {
                position++;
            } else if (peek() >= '1' && peek() <= '9') {
                while (Character.isDigit(peek()) && peek() < 128) {
                    position++;
                }
            } else {
                throw error("unexpected character '" + peek() + "'");
            }
            if (peek() == '.') {
                position++;
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw error("digits expected after '.'");
                }
                while (peek() >= '0' && peek() <= '9') {
                    position++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                position++;
                if (peek() == '+' || peek() == '-') {
                    position++;
                }
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw error("digits expected in the exponent");
                }
                while (peek() >= '0' && peek() <= '9') {
                    position++;
                }
            }
            if (position - start > 1000) {
                throw error("number too long");
            }
            return Values.checkRange(new BigDecimal(text.substring(start, position)));
        }
    }

    /** A value read by the YAML/JSON reader as evaluator values (numbers as BigDecimal). */
    static Object fromYaml(Object value) {
        if (value == NULL_ELEMENT) {
            return null;
        }
        if (value instanceof YamlMap map) {
            TfObject object = new TfObject();
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                object.put(entry.getKey(), fromYaml(entry.getValue()));
            }
            return object;
        }
        if (value instanceof YamlList list) {
            List<Object> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(fromYaml(element));
            }
            return new TfList(elements);
        }
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? String.valueOf(number) : BigDecimal.valueOf(number);
        }
        return value;
    }
}
