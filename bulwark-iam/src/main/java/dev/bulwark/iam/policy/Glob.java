package dev.bulwark.iam.policy;

import java.util.Locale;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one. Wildcards are marked when the pattern is built, so a literal asterisk that came from a
 * policy variable ({@code ${*}}) or from a substituted value stays literal.
 *
 * <p>Matching is the classic greedy two-pointer algorithm with one backtrack point: linear for
 * patterns with one star, O(n*m) at worst, no recursion and no allocation. Immutable and
 * thread-safe.
 */
public final class Glob {
    /** Stands for a wildcard {@code *} inside {@link #pattern}; not a character IAM text can contain meaningfully. */
    static final char STAR = '\uE000';
    /** Stands for a wildcard {@code ?} inside {@link #pattern}. */
    static final char ONE = '\uE001';

    private static final Glob ANYTHING = new Glob(String.valueOf(STAR), false);

    private final String pattern;
    private final boolean ignoreCase;
    private final Kind kind;
    private final String literal;

    private enum Kind { ANY, EXACT, PREFIX, GENERAL }

    private Glob(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        int stars = 0;
        int ones = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == STAR) {
                stars++;
            } else if (c == ONE) {
                ones++;
            }
        }
        if (pattern.length() == 1 && stars == 1) {
            kind = Kind.ANY;
            literal = "";
        } else if (stars == 0 && ones == 0) {
            kind = Kind.EXACT;
            literal = pattern;
        } else if (stars == 1 && ones == 0 && pattern.charAt(pattern.length() - 1) == STAR) {
            kind = Kind.PREFIX;
            literal = pattern.substring(0, pattern.length() - 1);
        } else {
            kind = Kind.GENERAL;
            literal = "";
        }
    }

    /** {@code text} with {@code *} and {@code ?} as wildcards; case-insensitive when {@code ignoreCase}. */
    public static Glob of(String text, boolean ignoreCase) {
        if (text.equals("*")) {
            return ANYTHING;
        }
        StringBuilder marked = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            marked.append(mark(text.charAt(i)));
        }
        return fromMarked(marked.toString(), ignoreCase);
    }

    /** A pattern whose wildcards are already marked ({@link #mark}); other characters are literal. */
    static Glob fromMarked(String marked, boolean ignoreCase) {
        String normalized = ignoreCase ? marked.toLowerCase(Locale.ROOT) : marked;
        if (normalized.length() == 1 && normalized.charAt(0) == STAR) {
            return ANYTHING;
        }
        return new Glob(normalized, ignoreCase);
    }

    /** The wildcard marker for {@code *} and {@code ?}, the character itself otherwise. */
    static char mark(char c) {
        if (c == '*') {
            return STAR;
        }
        if (c == '?') {
            return ONE;
        }
        return c;
    }

    public boolean matchesEverything() {
        return kind == Kind.ANY;
    }

    public boolean hasWildcards() {
        return kind != Kind.EXACT;
    }

    /** The pattern as written in a policy ({@code *} and {@code ?} for wildcards). */
    public String text() {
        StringBuilder text = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            text.append(c == STAR ? '*' : c == ONE ? '?' : c);
        }
        return text.toString();
    }

    /** Whether {@code value} matches; for a case-insensitive glob, {@code value} must already be lower case. */
    public boolean matches(String value) {
        return switch (kind) {
            case ANY -> true;
            case EXACT -> literal.equals(value);
            case PREFIX -> value.startsWith(literal);
            case GENERAL -> matches(pattern, 0, pattern.length(), value, 0, value.length());
        };
    }

    /** Whether {@code value} matches, lower-casing it first when the glob ignores case. */
    public boolean matchesAnyCase(String value) {
        return matches(ignoreCase ? value.toLowerCase(Locale.ROOT) : value);
    }

    /** Matches {@code pattern[patternStart, patternEnd)} against {@code value[valueStart, valueEnd)}. */
    static boolean matches(String pattern, int patternStart, int patternEnd, String value, int valueStart, int valueEnd) {
        int p = patternStart;
        int v = valueStart;
        int starAt = -1;
        int resumeAt = 0;
        while (v < valueEnd) {
            if (p < patternEnd) {
                char c = pattern.charAt(p);
                if (c == STAR) {
                    starAt = p++;
                    resumeAt = v;
                    continue;
                }
                if (c == ONE || c == value.charAt(v)) {
                    p++;
                    v++;
                    continue;
                }
            }
            if (starAt < 0) {
                return false;
            }
            p = starAt + 1;
            v = ++resumeAt;
        }
        while (p < patternEnd && pattern.charAt(p) == STAR) {
            p++;
        }
        return p == patternEnd;
    }

    String marked() {
        return pattern;
    }

    @Override
    public String toString() {
        return text();
    }
}
