package dev.bulwark.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy value that may hold policy variables ({@code ${aws:username}},
 * {@code ${aws:PrincipalTag/team, 'none'}}) and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}}. Variables exist only in policies of version 2012-10-17; in older policies the
 * text is literal. Text is kept "marked": wildcards written in the policy are {@link Glob#STAR}
 * and {@link Glob#ONE}, everything else (escapes, substituted values) is literal.
 */
final class Template {
    private final String constant;
    private final List<Part> parts;

    private sealed interface Part permits Literal, Variable {}

    private record Literal(String marked) implements Part {}

    /** {@code key} lower-cased; {@code fallback} is null when the variable has no default. */
    private record Variable(String key, String fallback) implements Part {}

    /** The text before the first variable or wildcard, which any resolution starts with. */
    private final String fixedPrefix;

    private Template(String constant, List<Part> parts) {
        this.constant = constant;
        this.parts = parts;
        String first = constant != null ? constant : !parts.isEmpty() && parts.get(0) instanceof Literal literal ? literal.marked() : "";
        int end = 0;
        while (end < first.length() && first.charAt(end) != Glob.STAR && first.charAt(end) != Glob.ONE) {
            end++;
        }
        this.fixedPrefix = first.substring(0, end);
    }

    /** Whether a value starting differently can never match any resolution (a cheap test before resolving). */
    boolean cannotMatch(String value) {
        return !value.startsWith(fixedPrefix);
    }

    /** Parses {@code text}; with {@code variables} false (version 2008-10-17) it is literal apart from wildcards. */
    static Template parse(String text, boolean variables) {
        if (!variables || !text.contains("${")) {
            return new Template(markAll(text), List.of());
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                literal.append(markAll(text.substring(i)));
                break;
            }
            literal.append(markAll(text.substring(i, open)));
            String inside = text.substring(open + 2, close);
            switch (inside) {
                case "*" -> literal.append('*');
                case "?" -> literal.append('?');
                case "$" -> literal.append('$');
                default -> {
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(variable(inside));
                }
            }
            i = close + 1;
        }
        if (parts.isEmpty()) {
            return new Template(literal.toString(), List.of());
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(null, List.copyOf(parts));
    }

    private static Variable variable(String inside) {
        int comma = inside.indexOf(',');
        if (comma < 0) {
            return new Variable(inside.strip().toLowerCase(Locale.ROOT), null);
        }
        String key = inside.substring(0, comma).strip().toLowerCase(Locale.ROOT);
        String fallback = inside.substring(comma + 1).strip();
        if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
            fallback = fallback.substring(1, fallback.length() - 1);
        }
        return new Variable(key, fallback);
    }

    private static String markAll(String text) {
        StringBuilder marked = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char m = Glob.mark(c);
            if (m != c && marked == null) {
                marked = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (marked != null) {
                marked.append(m);
            }
        }
        return marked == null ? text : marked.toString();
    }

    /** A constant template of text that is already marked. */
    static Template ofMarked(String marked) {
        return new Template(marked, List.of());
    }

    boolean isConstant() {
        return constant != null;
    }

    /** The marked text of a constant template. */
    String constant() {
        return constant;
    }

    /** The variable keys (lower case) this template reads. */
    List<String> variableKeys() {
        List<String> keys = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Variable variable) {
                keys.add(variable.key());
            }
        }
        return keys;
    }

    /**
     * The marked text with variables substituted from {@code context}, or null when a variable
     * without default has no single value there (AWS then treats the value as matching nothing).
     */
    String resolve(RequestContext context) {
        if (constant != null) {
            return constant;
        }
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.marked());
            } else if (part instanceof Variable variable) {
                List<String> values = context.values(variable.key());
                if (values != null && values.size() == 1) {
                    text.append(values.get(0));
                } else if (variable.fallback() != null) {
                    text.append(variable.fallback());
                } else {
                    return null;
                }
            }
        }
        return text.toString();
    }

    /** Marked text back to plain text: wildcard markers become {@code *} and {@code ?}. */
    static String unmark(String marked) {
        if (marked.indexOf(Glob.STAR) < 0 && marked.indexOf(Glob.ONE) < 0) {
            return marked;
        }
        return marked.replace(Glob.STAR, '*').replace(Glob.ONE, '?');
    }
}
