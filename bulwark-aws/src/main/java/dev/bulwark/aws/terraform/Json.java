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
