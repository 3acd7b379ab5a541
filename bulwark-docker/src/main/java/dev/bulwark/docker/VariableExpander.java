package dev.bulwark.docker;

import static java.util.Objects.requireNonNull;

/**
 * Substitutes {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}},
 * {@code ${NAME:+word}}, {@code ${NAME+word}}, {@code ${NAME:?message}} and {@code ${NAME?message}}
 * the way BuildKit does for ARG and ENV values: nothing inside single quotes, the escape character
 * protects the next character.
 *
 * <p>A variable can be set (a value is known), unset (known not to exist: it expands to nothing)
 * or unknown (for example an ARG without default that a build argument may set, or an ENV from
 * the base image). An unknown reference is left as written and makes the result unresolved, so a
 * rule can tell a value it knows from one it does not. Other forms (${NAME#pattern}, command
 * substitution) are left as written too. Linear in the input; nesting deeper than
 * {@link #MAX_DEPTH} is left unresolved.
 */
final class VariableExpander {
    private static final int MAX_DEPTH = 8;

    enum State { SET, UNSET, UNKNOWN }

    /** What a scope knows about one variable. */
    record Binding(State state, String value) {
        static final Binding UNSET = new Binding(State.UNSET, "");
        static final Binding UNKNOWN = new Binding(State.UNKNOWN, "");

        Binding {
            requireNonNull(state, "state is null");
            requireNonNull(value, "value is null");
        }

        static Binding of(String value) {
            return new Binding(State.SET, value);
        }
    }

    /** The variables visible to one instruction. */
    @FunctionalInterface
    interface Scope {
        Binding lookup(String name);
    }

    /**
     * @param literal no variable reference or command substitution occurs in the input
     * @param resolved every reference was replaced by a known value
     */
    record Expansion(String text, boolean literal, boolean resolved) {}

    private final String text;
    private final Scope scope;
    private final char escape;
    private final boolean removeQuotes;
    private final boolean shell;
    private final StringBuilder out;
    private boolean literal = true;
    private boolean resolved = true;

    private VariableExpander(String text, Scope scope, char escape, boolean removeQuotes, boolean shell) {
        this.text = text;
        this.scope = scope;
        this.escape = escape;
        this.removeQuotes = removeQuotes;
        this.shell = shell;
        this.out = new StringBuilder(text.length());
    }

    /**
     * Expands {@code text}.
     *
     * @param removeQuotes also remove quotes and escape characters (processing one word), rather
     *     than only substituting inside otherwise unchanged text
     * @param shell the text is shell code (RUN, CMD): backticks and {@code $1}-style parameters are
     *     command substitutions and positional parameters, not text
     */
    static Expansion expand(String text, Scope scope, char escape, boolean removeQuotes, boolean shell) {
        VariableExpander expander = new VariableExpander(text, scope, escape, removeQuotes, shell);
        expander.process(0, text.length(), 0);
        return new Expansion(expander.out.toString(), expander.literal, expander.resolved);
    }

    private void process(int from, int to, int depth) {
        boolean inDouble = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == escape) {
                if (i + 1 >= to) {
                    out.append(c);
                    i++;
                    continue;
                }
                char next = text.charAt(i + 1);
                if (removeQuotes) {
                    if (inDouble && next != '"' && next != '$' && next != escape && next != '`') {
                        out.append(c);
                    }
                    out.append(next);
                } else {
                    out.append(c).append(next);
                }
                i += 2;
            } else if (c == '\'' && !inDouble) {
                int close = text.indexOf('\'', i + 1);
                if (close < 0 || close >= to) {
                    close = to;
                }
                if (removeQuotes) {
                    out.append(text, i + 1, close);
                } else {
                    out.append(text, i, Math.min(close + 1, to));
                }
                i = close + 1;
            } else if (c == '"') {
                inDouble = !inDouble;
                if (!removeQuotes) {
                    out.append(c);
                }
                i++;
            } else if (c == '$') {
                i = dollar(i, to, depth);
            } else if (c == '`' && shell) {
                int close = i + 1;
                while (close < to && text.charAt(close) != '`') {
                    close += text.charAt(close) == '\\' ? 2 : 1;
                }
                close = Math.min(close, to - 1);
                out.append(text, i, close + 1);
                literal = false;
                resolved = false;
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /** Handles the {@code $} at {@code i}; returns the offset after what it consumed. */
    private int dollar(int i, int to, int depth) {
        if (i + 1 >= to) {
            out.append('$');
            return i + 1;
        }
        char next = text.charAt(i + 1);
        if (next == '{') {
            return braced(i, to, depth);
        }
        if (isNameStart(next)) {
            int end = i + 1;
            while (end < to && isNamePart(text.charAt(end))) {
                end++;
            }
            literal = false;
            Binding binding = scope.lookup(text.substring(i + 1, end));
            switch (binding.state()) {
                case SET -> out.append(binding.value());
                case UNSET -> { }
                case UNKNOWN -> unresolved(i, end);
            }
            return end;
        }
        if (next == '(') {
            int close = matching(i + 1, to, '(', ')');
            int end = close < 0 ? to : close + 1;
            out.append(text, i, end);
            literal = false;
            resolved = false;
            return end;
        }
        if (shell && (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0)) {
            out.append(text, i, i + 2);
            literal = false;
            resolved = false;
            return i + 2;
        }
        out.append('$');
        return i + 1;
    }

    private int braced(int i, int to, int depth) {
        literal = false;
        int close = matching(i + 1, to, '{', '}');
        if (close < 0) {
            unresolved(i, to);
            return to;
        }
        int nameStart = i + 2;
        int nameEnd = nameStart;
        if (nameEnd < close && isNameStart(text.charAt(nameEnd))) {
            while (nameEnd < close && isNamePart(text.charAt(nameEnd))) {
                nameEnd++;
            }
        }
        if (nameEnd == nameStart) {
            unresolved(i, close + 1);
            return close + 1;
        }
        Binding binding = scope.lookup(text.substring(nameStart, nameEnd));
        if (nameEnd == close) {
            switch (binding.state()) {
                case SET -> out.append(binding.value());
                case UNSET -> { }
                case UNKNOWN -> unresolved(i, close + 1);
            }
            return close + 1;
        }
        boolean colon = text.charAt(nameEnd) == ':';
        int operatorAt = colon ? nameEnd + 1 : nameEnd;
        char operator = operatorAt < close ? text.charAt(operatorAt) : 0;
        if (operator != '-' && operator != '+' && operator != '?') {
            unresolved(i, close + 1);
            return close + 1;
        }
        int wordStart = operatorAt + 1;
        if (binding.state() == State.UNKNOWN) {
            unresolved(i, close + 1);
            return close + 1;
        }
        boolean set = binding.state() == State.SET && !(colon && binding.value().isEmpty());
        switch (operator) {
            case '-' -> {
                if (set) {
                    out.append(binding.value());
                } else {
                    word(wordStart, close, depth, i);
                }
            }
            case '+' -> {
                if (set) {
                    word(wordStart, close, depth, i);
                }
            }
            default -> {
                if (set) {
                    out.append(binding.value());
                } else {
                    unresolved(i, close + 1);
                }
            }
        }
        return close + 1;
    }

    private void word(int from, int to, int depth, int referenceStart) {
        if (depth >= MAX_DEPTH) {
            unresolved(referenceStart, to + 1);
            return;
        }
        process(from, to, depth + 1);
    }

    private void unresolved(int from, int to) {
        out.append(text, from, to);
        resolved = false;
    }

    /** The offset of the bracket closing the one at {@code open}, or -1; escaped characters are skipped. */
    private int matching(int open, int to, char opening, char closing) {
        int level = 0;
        for (int k = open; k < to; k++) {
            char c = text.charAt(k);
            if (c == escape) {
                k++;
            } else if (c == opening) {
                level++;
            } else if (c == closing) {
                level--;
                if (level == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
