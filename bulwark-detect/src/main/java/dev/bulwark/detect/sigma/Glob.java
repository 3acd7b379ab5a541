package dev.bulwark.detect.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value on its way through the modifiers: a sequence of parts, each literal text,
 * a {@code *} (any run), a {@code ?} (one character), a dash class (the {@code windash} modifier:
 * any of {@code - / – — ―}) or a placeholder ({@code %name%}, only with {@code expand}).
 * {@code binary} marks text that stands for bytes (UTF-16 output not yet base64-encoded), one
 * character per byte.
 *
 * <p>Escapes follow the specification: a backslash escapes {@code *}, {@code ?} and a backslash;
 * with placeholders also {@code %}; before any other character it is a plain backslash. So
 * {@code C:\Windows} and {@code C:\\Windows} are the same value, {@code \\*} is a backslash and a
 * wildcard, and {@code \\\*} a backslash and a star.
 */
record Glob(List<Part> parts, boolean binary) {
    Glob {
        parts = List.copyOf(parts);
    }

    sealed interface Part permits Literal, AnyRun, AnyOne, Dash, Placeholder {}

    record Literal(String text) implements Part {}

    record AnyRun() implements Part {}

    record AnyOne() implements Part {}

    record Dash() implements Part {}

    record Placeholder(String name) implements Part {}

    static final String DASHES = "-/\u2013\u2014\u2015";

    /**
     * Parses a rule value.
     *
     * @throws SigmaSyntaxException for an unterminated or empty placeholder
     */
    static Glob parse(String text, boolean placeholders) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int length = text.length();
        int index = 0;
        while (index < length) {
            char c = text.charAt(index);
            if (c == '\\' && index + 1 < length) {
                char next = text.charAt(index + 1);
                if (next == '*' || next == '?' || next == '\\' || (placeholders && next == '%')) {
                    literal.append(next);
                    index += 2;
                    continue;
                }
                literal.append(c);
                index++;
            } else if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? new AnyRun() : new AnyOne());
                index++;
            } else if (c == '%' && placeholders) {
                int end = text.indexOf('%', index + 1);
                if (end < 0) {
                    throw new SigmaSyntaxException("unterminated placeholder in '" + text
                            + "' (write \\% for a plain percent sign)");
                }
                String name = text.substring(index + 1, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.')) {
                    throw new SigmaSyntaxException("bad placeholder name '%" + name + "%' in '" + text + "'");
                }
                flush(literal, parts);
                parts.add(new Placeholder(name));
                index = end + 1;
            } else {
                literal.append(c);
                index++;
            }
        }
        flush(literal, parts);
        return new Glob(parts, false);
    }

    static Glob literal(String text) {
        return new Glob(text.isEmpty() ? List.of() : List.of(new Literal(text)), false);
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    boolean isPlain() {
        for (Part part : parts) {
            if (!(part instanceof Literal)) {
                return false;
            }
        }
        return true;
    }

    boolean hasPlaceholder() {
        for (Part part : parts) {
            if (part instanceof Placeholder) {
                return true;
            }
        }
        return false;
    }

    /** The text of a plain glob. */
    String plainText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            }
        }
        return text.toString();
    }

    Glob withLeadingRun() {
        if (!parts.isEmpty() && parts.get(0) instanceof AnyRun) {
            return this;
        }
        List<Part> result = new ArrayList<>();
        result.add(new AnyRun());
        result.addAll(parts);
        return new Glob(result, binary);
    }

    Glob withTrailingRun() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof AnyRun) {
            return this;
        }
        List<Part> result = new ArrayList<>(parts);
        result.add(new AnyRun());
        return new Glob(result, binary);
    }

    /** Each dash character of the literal parts becomes a dash class. */
    Glob withDashClasses() {
        List<Part> result = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                StringBuilder run = new StringBuilder();
                for (int i = 0; i < literal.text().length(); i++) {
                    char c = literal.text().charAt(i);
                    if (DASHES.indexOf(c) >= 0) {
                        flush(run, result);
                        result.add(new Dash());
                    } else {
                        run.append(c);
                    }
                }
                flush(run, result);
            } else {
                result.add(part);
            }
        }
        return new Glob(result, binary);
    }

    /** The readable form, for messages. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            } else if (part instanceof AnyRun) {
                text.append('*');
            } else if (part instanceof AnyOne) {
                text.append('?');
            } else if (part instanceof Dash) {
                text.append("[-/]");
            } else if (part instanceof Placeholder placeholder) {
                text.append('%').append(placeholder.name()).append('%');
            }
        }
        return text.toString();
    }
}
