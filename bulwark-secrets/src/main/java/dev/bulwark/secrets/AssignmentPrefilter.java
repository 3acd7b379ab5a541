package dev.bulwark.secrets;

import com.google.re2j.Pattern;

/**
 * A necessary condition for a match of a generic assignment detector
 * ({@code (?i)(?:^|[^a-z0-9:/])(?P<key>[a-z0-9_.\-]*NAME[a-z0-9_.\-]*)["']?\s*OPERATOR(?P<secret>[^=\s"'`,;#{}()\[\]]...}),
 * checked in one pass over a window before the RE2/J pattern runs there (see {@link Prefilter}).
 *
 * <p>Design: most lines that mention {@code token} or {@code password} are code
 * ({@code if (token == null)}), and the NFA costs far more per character than this scan. A match
 * needs a key character, then an optional quote and spaces, then an operator ({@code :=},
 * {@code =>}, {@code =}, {@code : }, or {@code :} and a quote) and then a character that can start
 * the secret. When no {@code :} or {@code =} in the window has that context the pattern cannot match
 * and is not run; otherwise the search starts at the key before the first operator that has it,
 * and after each match again at the next such key. The check only rejects what the pattern cannot match: characters outside ASCII
 * count as key characters (under {@code (?i)} RE2/J folds {@code ſ} and the Kelvin sign into the
 * key class). It applies only to patterns whose text has exactly this shape ({@link #applies}),
 * so a changed detector falls back to the plain regex run. The scanner needs it only on windows
 * with characters outside ASCII: on the others {@link AssignmentMatcher} replaces the pattern.
 * Stateless and thread-safe.
 */
final class AssignmentPrefilter {
    static final String KEY_PREFIX = "(?i)(?:^|[^a-z0-9:/])(?P<key>[a-z0-9_.\\-]*";
    static final String KEY_SUFFIX_AND_OPERATOR = "[a-z0-9_.\\-]*)[\"\\']?\\s*(?::=\\s*[\"\\'`]?|=>\\s*[\"\\'`]?"
            + "|=\\s*[\"\\'`]?|:\\s+[\"\\'`]?|:[\"\\'`])(?P<secret>[^=\\s\"\\'`,;#{}()\\[\\]]";
    /** The key's name part: non-empty literals of letters, alternations of them, joined by an optional {@code _} or {@code -}. */
    private static final Pattern NAME = Pattern.compile(
            "(?:[a-z]+|\\(\\?:[a-z]+(?:\\|[a-z]+)*\\))(?:\\[_\\\\-\\]\\?(?:[a-z]+|\\(\\?:[a-z]+(?:\\|[a-z]+)*\\)))*");

    private AssignmentPrefilter() {}

    /** Whether {@code pattern} has the generic assignment shape this prefilter is exact for. */
    static boolean applies(Pattern pattern) {
        String text = pattern.pattern();
        if (!text.startsWith(KEY_PREFIX)) {
            return false;
        }
        int suffix = text.indexOf(KEY_SUFFIX_AND_OPERATOR, KEY_PREFIX.length());
        return suffix > 0 && NAME.matches(text.substring(KEY_PREFIX.length(), suffix));
    }

    /**
     * The earliest offset in {@code text[from, end)} where a match of a pattern of the assignment
     * shape can start, or -1 when none can. A match's operator is one that passes this check, and
     * its key is the run of key characters before it, so the match starts at that run's start (or
     * one separator character before it); later operators only have later runs.
     */
    static int earliestStart(CharSequence text, int from, int end) {
        for (int operator = from; operator < end; operator++) {
            char c = text.charAt(operator);
            if (c != ':' && c != '=') {
                continue;
            }
            int keyEnd = keyEnd(text, from, operator);
            if (keyEnd >= 0 && valueFollows(text, operator, end)) {
                int keyStart = keyEnd;
                while (keyStart > from && isKeyCharacter(text.charAt(keyStart - 1))) {
                    keyStart--;
                }
                return Math.max(from, keyStart - 1);
            }
        }
        return -1;
    }

    /** Backwards from the operator: spaces, an optional quote, then a key character, whose offset is returned (-1 if none). */
    private static int keyEnd(CharSequence text, int from, int operator) {
        int at = operator - 1;
        while (at >= from && isSpace(text.charAt(at))) {
            at--;
        }
        if (at >= from && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
            at--;
        }
        return at >= from && isKeyCharacter(text.charAt(at)) ? at : -1;
    }

    /** One of {@code :=\s*Q?}, {@code =>\s*Q?}, {@code =\s*Q?}, {@code :\s+Q?}, {@code :Q}, then a secret's first character. */
    private static boolean valueFollows(CharSequence text, int operator, int end) {
        int next = operator + 1;
        boolean hasNext = next < end;
        if (text.charAt(operator) == '=') {
            return hasNext && text.charAt(next) == '>' && valueStarts(text, next + 1, end) || valueStarts(text, next, end);
        }
        if (!hasNext) {
            return false;
        }
        char after = text.charAt(next);
        if (after == '=' && valueStarts(text, next + 1, end)) {
            return true;
        }
        if (isSpace(after) && valueStarts(text, next, end)) {
            return true;
        }
        return isValueQuote(after) && secretStarts(text, next + 1, end);
    }

    /** {@code \s*}, an optional quote, then a secret's first character. */
    private static boolean valueStarts(CharSequence text, int from, int end) {
        int at = from;
        while (at < end && isSpace(text.charAt(at))) {
            at++;
        }
        if (at < end && isValueQuote(text.charAt(at))) {
            at++;
        }
        return secretStarts(text, at, end);
    }

    private static boolean secretStarts(CharSequence text, int at, int end) {
        return at < end && "=\t\n\f\r \"'`,;#{}()[]".indexOf(text.charAt(at)) < 0;
    }

    /** RE2/J {@code \s}: tab, newline, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isValueQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** {@code [a-z0-9_.\-]} under {@code (?i)}; any non-ASCII character counts, as case folding may map it into the class. */
    private static boolean isKeyCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
                || c >= 128;
    }
}
