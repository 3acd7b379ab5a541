package dev.bulwark.secrets.bench;

import java.util.Optional;

/**
 * Rewrites a detector's RE2 pattern as a POSIX extended regular expression for {@code grep -E},
 * or in the subset of Rust regex syntax ripgrep reads, so the benchmark can time both tools on the
 * same set of patterns. Named and non-capturing groups become plain groups, {@code (?i)} becomes
 * letter classes ({@code [tT]}), {@code \s}, {@code \d} and {@code \w} become bracket classes, lazy
 * quantifiers become greedy (a line matches either way, and the tools only count lines).
 * Patterns that a line-based tool cannot express (multi-line ones, {@code (?s)}, {@code \n},
 * Unicode classes, other flags) give empty. Only for benchmarks: the output is not checked beyond
 * the tools accepting it.
 */
final class GrepPatterns {
    /** The bracket syntax of the target tool. */
    enum Dialect {
        /** GNU {@code grep -E}: a backslash inside brackets is literal. */
        POSIX,
        /** ripgrep: inside brackets, {@code \}, {@code [}, {@code &}, {@code ~} and {@code -} are escaped. */
        RUST
    }

    private final String pattern;
    private final Dialect dialect;
    private final StringBuilder out = new StringBuilder();
    private boolean ignoreCase;
    private int at;

    private GrepPatterns(String pattern, Dialect dialect) {
        this.pattern = pattern;
        this.dialect = dialect;
    }

    /** {@code pattern} in the tool's syntax, or empty when it cannot be expressed. */
    static Optional<String> convert(String pattern, Dialect dialect) {
        if (pattern.contains("\\n") || pattern.contains("\\r")) {
            return Optional.empty();
        }
        return new GrepPatterns(pattern, dialect).convert();
    }

    private Optional<String> convert() {
        if (pattern.startsWith("(?")) {
            int close = pattern.indexOf(')');
            String flags = pattern.substring(2, close);
            if (flags.matches("[im]+")) {
                ignoreCase = flags.contains("i");
                at = close + 1;
            }
        }
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\\') {
                if (!escapeOutsideClass()) {
                    return Optional.empty();
                }
            } else if (c == '[') {
                if (!characterClass()) {
                    return Optional.empty();
                }
            } else if (c == '(') {
                if (!group()) {
                    return Optional.empty();
                }
            } else if (c == '*' || c == '+' || c == '?') {
                out.append(c);
                at++;
                skipLazy();
            } else if (c == '{') {
                int close = pattern.indexOf('}', at);
                out.append(pattern, at, close + 1);
                at = close + 1;
                skipLazy();
            } else if (c == ']' || c == '}') {
                out.append('[').append(c).append(']');
                at++;
            } else {
                letter(c);
                at++;
            }
        }
        return Optional.of(out.toString());
    }

    private void skipLazy() {
        if (at < pattern.length() && pattern.charAt(at) == '?') {
            at++;
        }
    }

    private void letter(char c) {
        if (ignoreCase && Character.isLetter(c) && c < 128) {
            out.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
        } else {
            out.append(c);
        }
    }

    private boolean group() {
        if (pattern.startsWith("(?P<", at)) {
            at = pattern.indexOf('>', at) + 1;
        } else if (pattern.startsWith("(?:", at)) {
            at += 3;
        } else if (pattern.startsWith("(?", at)) {
            return false;
        } else {
            at++;
        }
        out.append('(');
        return true;
    }

    private boolean escapeOutsideClass() {
        char e = pattern.charAt(at + 1);
        at += 2;
        switch (e) {
            case 's' -> out.append("[[:space:]]");
            case 'S' -> out.append("[^[:space:]]");
            case 'd' -> out.append("[0-9]");
            case 'D' -> out.append("[^0-9]");
            case 'w' -> out.append("[[:alnum:]_]");
            case 'W' -> out.append("[^[:alnum:]_]");
            case 'b' -> out.append("\\b");
            case 'B' -> out.append("\\B");
            case '.', '[', '(', ')', '{', '*', '+', '?', '|', '^', '$', '\\' -> out.append('\\').append(e);
            case ']', '}' -> out.append('[').append(e).append(']');
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    return false;
                }
                out.append(e);
            }
        }
        return true;
    }

    /** A bracket class, rebuilt: {@code ]} first, {@code -} last, case counterparts added under {@code (?i)}. */
    private boolean characterClass() {
        at++;
        boolean negated = at < pattern.length() && pattern.charAt(at) == '^';
        if (negated) {
            at++;
        }
        StringBuilder items = new StringBuilder();
        boolean bracket = false;
        boolean dash = false;
        boolean first = true;
        while (at < pattern.length() && (first || pattern.charAt(at) != ']')) {
            first = false;
            char c = pattern.charAt(at);
            if (c == '\\') {
                char e = pattern.charAt(at + 1);
                at += 2;
                switch (e) {
                    case 's' -> items.append("[:space:]");
                    case 'd' -> items.append("0-9");
                    case 'w' -> items.append("[:alnum:]_");
                    case '-' -> dash = true;
                    case ']' -> bracket = true;
                    default -> {
                        if (Character.isLetterOrDigit(e)) {
                            return false;
                        }
                        literalInClass(items, e);
                    }
                }
                continue;
            }
            at++;
            if (c == ']') {
                bracket = true;
            } else if (c == '-') {
                dash = true;
            } else if (at + 1 < pattern.length() && pattern.charAt(at) == '-' && pattern.charAt(at + 1) != ']') {
                char high = pattern.charAt(at + 1);
                if (high == '\\') {
                    return false;
                }
                at += 2;
                if (!range(items, c, high)) {
                    return false;
                }
            } else {
                literalInClass(items, c);
                if (ignoreCase && Character.isLetter(c) && c < 128) {
                    literalInClass(items, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
            }
        }
        at++;
        out.append('[');
        if (negated) {
            out.append('^');
        }
        if (bracket) {
            out.append(dialect == Dialect.RUST ? "\\]" : "]");
        }
        out.append(items);
        if (dash) {
            out.append(dialect == Dialect.RUST ? "\\-" : "-");
        }
        out.append(']');
        return true;
    }

    private boolean range(StringBuilder items, char low, char high) {
        items.append(low).append('-').append(high);
        if (!ignoreCase) {
            return true;
        }
        if (low >= 'a' && high <= 'z') {
            items.append(Character.toUpperCase(low)).append('-').append(Character.toUpperCase(high));
        } else if (low >= 'A' && high <= 'Z') {
            items.append(Character.toLowerCase(low)).append('-').append(Character.toLowerCase(high));
        } else if (low <= 'z' && high >= 'A') {
            return false;
        }
        return true;
    }

    private void literalInClass(StringBuilder items, char c) {
        if (dialect == Dialect.RUST && (c == '\\' || c == '[' || c == '&' || c == '~' || c == '^')) {
            items.append('\\').append(c);
        } else if (c == '^' && items.length() == 0) {
            items.append("[.^.]");
        } else if (c == '[' && dialect == Dialect.POSIX) {
            items.append("[.[.]");
        } else {
            items.append(c);
        }
    }
}
