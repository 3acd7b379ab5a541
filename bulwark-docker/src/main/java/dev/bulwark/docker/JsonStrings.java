package dev.bulwark.docker;

import java.util.ArrayList;
import java.util.List;

/** Reads the exec form of an instruction: a JSON array of strings and nothing after it. */
final class JsonStrings {
    private JsonStrings() {}

    /** The strings, or null with an error and the offset where it was found. */
    record Result(List<String> values, String error, int errorOffset) {}

    static Result parse(String text, int start) {
        int length = text.length();
        int i = start;
        if (i >= length || text.charAt(i) != '[') {
            return new Result(null, "expected [", i);
        }
        i = DockerfileParser.skipBlanks(text, i + 1);
        List<String> values = new ArrayList<>();
        if (i < length && text.charAt(i) == ']') {
            return finish(text, i + 1, values);
        }
        while (true) {
            if (i >= length) {
                return new Result(null, "missing ]", length);
            }
            char c = text.charAt(i);
            if (c != '"') {
                String what = c == '\'' ? "strings need double quotes" : "expected a string";
                return new Result(null, what, i);
            }
            StringBuilder value = new StringBuilder();
            i++;
            boolean closed = false;
            while (i < length) {
                c = text.charAt(i);
                if (c == '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= length) {
                        break;
                    }
                    char next = text.charAt(i + 1);
                    switch (next) {
                        case '"', '\\', '/' -> value.append(next);
                        case 'b' -> value.append('\b');
                        case 'f' -> value.append('\f');
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case 'u' -> {
                            if (i + 6 > length) {
                                return new Result(null, "bad \\u escape", i);
                            }
                            try {
                                value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                            } catch (NumberFormatException e) {
                                return new Result(null, "bad \\u escape", i);
                            }
                            i += 4;
                        }
                        default -> {
                            return new Result(null, "bad escape \\" + next, i);
                        }
                    }
                    i += 2;
                    continue;
                }
                if (c < 0x20) {
                    return new Result(null, "control character in a string", i);
                }
                value.append(c);
                i++;
            }
            if (!closed) {
                return new Result(null, "unterminated string", length);
            }
            values.add(value.toString());
            i = DockerfileParser.skipBlanks(text, i);
            if (i < length && text.charAt(i) == ',') {
                i = DockerfileParser.skipBlanks(text, i + 1);
                continue;
            }
            if (i < length && text.charAt(i) == ']') {
                return finish(text, i + 1, values);
            }
            return new Result(null, i < length ? "expected , or ]" : "missing ]", i);
        }
    }

    private static Result finish(String text, int after, List<String> values) {
        int rest = DockerfileParser.skipBlanks(text, after);
        if (rest < text.length()) {
            return new Result(null, "text after the closing ]", rest);
        }
        return new Result(values, "", -1);
    }
}
