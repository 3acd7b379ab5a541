package dev.bulwark.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the matches of a generic assignment detector in ASCII text without running its RE2/J
 * pattern, with exactly the spans the pattern's {@code find} reports: where the match starts and
 * ends, the {@code key} group and the {@code secret} group.
 *
 * <p>Design: the pattern is {@code (?i)(?:^|[^a-z0-9:/])(?P<key>K*NAME K*)["']?\s*OPERATOR
 * (?P<secret>S0 S1{min,max})} (see {@link AssignmentPrefilter} for the full text), with
 * {@code K = [a-z0-9_.\-]}. Its leftmost-first match is determined without backtracking:
 * <ul>
 *   <li>the key ends where the run of key characters ends, since what follows it (a quote, a space,
 *       {@code :} or {@code =}) is never a key character; the quote and spaces after it are taken
 *       whole, because a space or quote left over could start neither an operator nor a secret;</li>
 *   <li>the operators are tried in the pattern's order ({@code :=}, {@code =>}, {@code =},
 *       {@code :\s+}, {@code :"}); after one, the spaces and the quote are taken whole for the same
 *       reason, and the secret is its first character and then as many value characters as the
 *       pattern allows, at least {@code min};</li>
 *   <li>the match starts as far left as the pattern allows: at the window start ({@code ^}), or one
 *       character before the key, where that character is not a letter, digit, {@code :} or
 *       {@code /}: before the whole run of key characters when it can, else after the first
 *       {@code _}, {@code .} or {@code -} in the run. A key that starts further left holds all
 *       keys that start further right, so if the leftmost key does not contain the name, no key
 *       of that run does.</li>
 * </ul>
 * So the search walks the {@code :} and {@code =} of the window in order, looks back for the key
 * and forward for the value, and the first operator with both gives the leftmost match. Each
 * character is looked at a bounded number of times, and nothing is allocated except the match.
 *
 * <p>Only ASCII text: under {@code (?i)} RE2/J folds {@code ſ} into {@code s} and the Kelvin sign
 * into {@code k}, and reads surrogate pairs as one character. The scanner runs the pattern on
 * windows with other characters. Applies only to patterns whose text has exactly this shape
 * ({@link #of}). Immutable and thread-safe.
 */
final class AssignmentMatcher {
    /** The value after the secret's first character: {@code [^\s"'`,;#]{min,max}} and the end of the pattern. */
    private static final Pattern VALUE_TAIL = Pattern.compile("\\[\\^\\\\s\"\\\\'`,;#\\]\\{([0-9]{1,3}),([0-9]{1,3})\\}\\)");
    private static final String NAME_SEPARATOR = "[_\\-]?";

    /** The parts of the key's name, joined by an optional {@code _} or {@code -}; each part lists its lower-case alternatives. */
    private final String[][] nameParts;
    private final int minTail;
    private final int maxTail;

    private AssignmentMatcher(String[][] nameParts, int minTail, int maxTail) {
        this.nameParts = nameParts;
        this.minTail = minTail;
        this.maxTail = maxTail;
    }

    /** The span of one match, as offsets into the scanned text. */
    record Match(int start, int end, int keyStart, int keyEnd, int secretStart, int secretEnd) {}

    /** The matcher exact for {@code pattern}, or empty when its text does not have the generic assignment shape. */
    static Optional<AssignmentMatcher> of(Pattern pattern) {
        String text = pattern.pattern();
        if (!AssignmentPrefilter.applies(pattern)) {
            return Optional.empty();
        }
        int suffix = text.indexOf(AssignmentPrefilter.KEY_SUFFIX_AND_OPERATOR, AssignmentPrefilter.KEY_PREFIX.length());
        Matcher tail = VALUE_TAIL.matcher(text.substring(suffix + AssignmentPrefilter.KEY_SUFFIX_AND_OPERATOR.length()));
        if (!tail.matches()) {
            return Optional.empty();
        }
        int minTail = Integer.parseInt(tail.group(1));
        int maxTail = Integer.parseInt(tail.group(2));
        if (minTail > maxTail) {
            return Optional.empty();
        }
        String name = text.substring(AssignmentPrefilter.KEY_PREFIX.length(), suffix);
        List<String[]> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int separator = name.indexOf(NAME_SEPARATOR, at);
            String part = name.substring(at, separator < 0 ? name.length() : separator);
            if (part.startsWith("(?:")) {
                parts.add(part.substring(3, part.length() - 1).split("\\|"));
            } else {
                parts.add(new String[] {part});
            }
            if (separator < 0) {
                break;
            }
            at = separator + NAME_SEPARATOR.length();
        }
        return Optional.of(new AssignmentMatcher(parts.toArray(new String[0][]), minTail, maxTail));
    }

    /**
     * The leftmost match in {@code text[from, end)}, as the pattern's matcher over the window
     * {@code text[windowStart, end)} finds it with {@code find(from - windowStart)}, or null when
     * there is none. The window must be ASCII.
     */
    Match find(CharSequence text, int windowStart, int from, int end) {
        for (int operator = from; operator < end; operator++) {
            char c = text.charAt(operator);
            if (c != ':' && c != '=') {
                continue;
            }
            int keyEnd = keyEnd(text, from, operator);
            if (keyEnd < 0) {
                continue;
            }
            int secretStart = secretStart(text, operator, end);
            if (secretStart < 0) {
                continue;
            }
            int keyStart = keyStart(text, windowStart, from, keyEnd);
            if (keyStart < 0 || !nameWithin(text, keyStart, keyEnd)) {
                continue;
            }
            int secretEnd = secretStart + 1;
            int limit = Math.min(end, secretStart + 1 + maxTail);
            while (secretEnd < limit && isValueCharacter(text.charAt(secretEnd))) {
                secretEnd++;
            }
            int start = keyStart == windowStart ? keyStart : keyStart - 1;
            return new Match(start, secretEnd, keyStart, keyEnd, secretStart, secretEnd);
        }
        return null;
    }

    /** Backwards from the operator: spaces, an optional {@code "} or {@code '}, then the key's last character; the key's end, or -1. */
    private static int keyEnd(CharSequence text, int from, int operator) {
        int at = operator - 1;
        while (at >= from && isSpace(text.charAt(at))) {
            at--;
        }
        if (at >= from && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
            at--;
        }
        return at >= from && isKeyCharacter(text.charAt(at)) ? at + 1 : -1;
    }

    /**
     * The leftmost start the pattern allows for a key ending at {@code keyEnd}, or -1: the window
     * start, or the start of the run of key characters when the character before it (at or after
     * {@code from}) is not {@code :} or {@code /}, else just after the run's first {@code _},
     * {@code .} or {@code -}.
     */
    private static int keyStart(CharSequence text, int windowStart, int from, int keyEnd) {
        int runStart = keyEnd - 1;
        while (runStart > from && isKeyCharacter(text.charAt(runStart - 1))) {
            runStart--;
        }
        if (runStart > from) {
            char before = text.charAt(runStart - 1);
            if (before != ':' && before != '/') {
                return runStart;
            }
        } else if (from == windowStart) {
            return windowStart;
        }
        for (int at = runStart; at < keyEnd - 1; at++) {
            char c = text.charAt(at);
            if (c == '_' || c == '.' || c == '-') {
                return at + 1;
            }
        }
        return -1;
    }

    /**
     * Where the secret starts after the operator at {@code operator}, trying the pattern's
     * operators in its order, or -1 when none is followed by a secret of at least the minimum length.
     */
    private int secretStart(CharSequence text, int operator, int end) {
        int next = operator + 1;
        if (text.charAt(operator) == '=') {
            if (next < end && text.charAt(next) == '>') {
                int secret = valueAfter(text, next + 1, end);
                if (secret >= 0) {
                    return secret;
                }
            }
            return valueAfter(text, next, end);
        }
        if (next >= end) {
            return -1;
        }
        char after = text.charAt(next);
        if (after == '=') {
            return valueAfter(text, next + 1, end);
        }
        if (isSpace(after)) {
            return valueAfter(text, next, end);
        }
        return isValueQuote(after) ? secretAt(text, next + 1, end) : -1;
    }

    /** {@code \s*}, an optional quote, then a secret. */
    private int valueAfter(CharSequence text, int from, int end) {
        int at = from;
        while (at < end && isSpace(text.charAt(at))) {
            at++;
        }
        if (at < end && isValueQuote(text.charAt(at))) {
            at++;
        }
        return secretAt(text, at, end);
    }

    /** {@code at} when a secret starts there: a first character, then at least the minimum of value characters; else -1. */
    private int secretAt(CharSequence text, int at, int end) {
        if (at >= end || !isSecretStart(text.charAt(at))) {
            return -1;
        }
        if (at + 1 + minTail > end) {
            return -1;
        }
        for (int i = at + 1; i <= at + minTail; i++) {
            if (!isValueCharacter(text.charAt(i))) {
                return -1;
            }
        }
        return at;
    }

    /** Whether the name occurs in {@code text[start, end)}, ASCII letters in any case. */
    private boolean nameWithin(CharSequence text, int start, int end) {
        for (int at = start; at < end; at++) {
            if (nameAt(text, at, end, 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the name's parts from {@code part} on occur at {@code at}, each after an optional {@code _} or {@code -}. */
    private boolean nameAt(CharSequence text, int at, int end, int part) {
        if (part == nameParts.length) {
            return true;
        }
        if (part > 0 && at < end && (text.charAt(at) == '_' || text.charAt(at) == '-') && partAt(text, at + 1, end, part)) {
            return true;
        }
        return partAt(text, at, end, part);
    }

    /** Whether one alternative of part {@code part} occurs at {@code at}, and the rest of the name after it. */
    private boolean partAt(CharSequence text, int at, int end, int part) {
        for (String alternative : nameParts[part]) {
            if (at + alternative.length() <= end && lettersAt(text, at, alternative)
                    && nameAt(text, at + alternative.length(), end, part + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lettersAt(CharSequence text, int at, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if ((text.charAt(at + i) | 0x20) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RE2/J {@code \s}: tab, newline, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isValueQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** {@code [a-z0-9_.\-]} under {@code (?i)}, in ASCII. */
    private static boolean isKeyCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** {@code [^=\s"'`,;#{}()\[\]]}. */
    private static boolean isSecretStart(char c) {
        return isValueCharacter(c) && c != '=' && c != '{' && c != '}' && c != '(' && c != ')' && c != '[' && c != ']';
    }

    /** {@code [^\s"'`,;#]}. */
    private static boolean isValueCharacter(char c) {
        return !isSpace(c) && !isValueQuote(c) && c != ',' && c != ';' && c != '#';
    }
}
