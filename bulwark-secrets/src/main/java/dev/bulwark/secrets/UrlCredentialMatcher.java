package dev.bulwark.secrets;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the matches of a credentials-in-a-URL detector in ASCII text without running its RE2/J
 * pattern, with exactly the spans the pattern's {@code find} reports: where the match starts and
 * ends and the {@code secret} group.
 *
 * <p>Design: the patterns are {@code (?i)\bSCHEME://USER*:(?P<secret>SECRET{m,n})@HOST+}, in two
 * shapes ({@link #of} accepts their text only, with any counts):
 * <ul>
 *   <li>named schemes ({@code postgres}, {@code mysql}, {@code mongodb}, {@code redis},
 *       {@code amqp}): {@code SCHEME} is a finite set of literals written with alternations and
 *       optional parts ({@code (?:mysql|mariadb)}, {@code rediss?}, {@code (?:\+srv)?}),
 *       possibly followed by {@code (?:\+[a-z0-9]+)?}; user {@code [^:@/\s"\']*}, secret
 *       {@code [^@/\s"\']{m,n}}, host {@code [^\s"\'/]+};</li>
 *   <li>any scheme: {@code \b[a-z][a-z0-9+.\-]{a,b}}; user {@code [^:@/\s"\'<>]{c,d}}, secret
 *       {@code [^@/\s"\'<>]{m,n}}, host {@code [a-z0-9.\-]+}.</li>
 * </ul>
 * Their leftmost-first match is determined without backtracking. No scheme character is a
 * {@code :}, so a match holds the first {@code ://} after its start, and a {@code ://} further
 * right can only give a match that starts further right: the search walks the {@code ://} of
 * the window in order and the first one with a match gives the leftmost match. What follows the
 * {@code ://} does not depend on where the scheme starts: the user class has no {@code :}, so the
 * user is the whole run of user characters and must be followed by {@code :} (a longer run than the
 * count allows cannot be cut short, as the character after the cut is not a {@code :}); the secret
 * class has no {@code @}, so the secret is the whole run of secret characters, at most {@code n}
 * and at least {@code m}, and must be followed by {@code @}; the host is the whole run of host
 * characters, at least one, and ends the match. Where the scheme starts is then the leftmost start
 * the scheme allows, at a word boundary ({@code \b} is ASCII in RE2: the character before is not in
 * {@code [0-9A-Za-z_]}, or the start is the window's start): for any scheme, a letter within the
 * run of scheme characters before the {@code ://}, as far left as the count allows; for named
 * schemes, one of the literals right before the {@code ://}, or before the {@code +} that precedes
 * the run of letters and digits before it. Each character is looked at a bounded number of times
 * (runs after different {@code ://} stop at the next {@code :} or {@code /}), and nothing is
 * allocated except the match.
 *
 * <p>Only ASCII text: under {@code (?i)} RE2/J folds {@code ſ} into {@code s} and the Kelvin sign
 * into {@code k}, and reads surrogate pairs as one character (which changes counts). So the search
 * stops with {@link #NOT_ASCII} as soon as it reads another character, and the scanner runs the
 * pattern from there. The only character read outside {@code text[from, end)} is the one before a
 * scheme that starts at {@code from}, for {@code \b}, which RE2 reads the same way: nothing outside
 * ASCII is a word character. Checking as it goes saves the scanner a pass over each window, which
 * here is a whole line around every URL. Immutable and thread-safe.
 */
final class UrlCredentialMatcher {
    /** The named shape after its scheme; {@code #} stands for a count. */
    static final String NAMED_TAIL = "://[^:@/\\s\"\\']*:(?P<secret>[^@/\\s\"\\']{#,#})@[^\\s\"\\'/]+";
    /** The shape for any scheme; {@code #} stands for a count. */
    static final String ANY_SCHEME = "(?i)\\b[a-z][a-z0-9+.\\-]{#,#}://[^:@/\\s\"\\'<>]{#,#}:(?P<secret>[^@/\\s\"\\'<>]{#,#})@[a-z0-9.\\-]+";
    private static final String NAMED_HEAD = "(?i)\\b";
    private static final String PLUS_SUFFIX = "(?:\\+[a-z0-9]+)?";
    private static final int MAX_COUNT = 10_000;
    private static final int MAX_LITERALS = 64;
    /** RE2 {@code \s}: tab, newline, form feed, carriage return, space. */
    private static final String SPACES = "\t\n\f\r ";

    /** The scheme's literals, lower case, for named schemes; null for any scheme. */
    private final String[] literals;
    /** Whether a named scheme may end with {@code +} and letters or digits. */
    private final boolean plusSuffix;
    /** For any scheme: the length of the scheme, at least and at most. */
    private final int minScheme;
    private final int maxScheme;
    private final int minUser;
    private final int maxUser;
    private final int minSecret;
    private final int maxSecret;
    private final boolean anyScheme;

    private UrlCredentialMatcher(String[] literals, boolean plusSuffix, int minScheme, int maxScheme, int minUser,
                                 int maxUser, int minSecret, int maxSecret) {
        this.literals = literals;
        this.plusSuffix = plusSuffix;
        this.minScheme = minScheme;
        this.maxScheme = maxScheme;
        this.minUser = minUser;
        this.maxUser = maxUser;
        this.minSecret = minSecret;
        this.maxSecret = maxSecret;
        this.anyScheme = literals == null;
    }

    /** The span of one match, as offsets into the scanned text. */
    record Match(int start, int end, int secretStart, int secretEnd) {}

    /**
     * What {@link #find} returns when it read a character outside ASCII before it knew the next
     * match: the pattern has to decide from there.
     */
    static final Match NOT_ASCII = new Match(-1, -1, -1, -1);
    /** What a run returns when it meets a character outside ASCII. */
    private static final int STOPPED = -2;

    /** The matcher exact for {@code pattern}, or empty when its text has neither URL credential shape. */
    static Optional<UrlCredentialMatcher> of(Pattern pattern) {
        String text = pattern.pattern();
        int[] any = counts(text, ANY_SCHEME);
        if (any != null) {
            return Optional.of(new UrlCredentialMatcher(null, false, any[0] + 1, any[1] + 1, any[2], any[3], any[4],
                    any[5]));
        }
        if (!text.startsWith(NAMED_HEAD)) {
            return Optional.empty();
        }
        int separator = text.indexOf("://");
        if (separator < 0) {
            return Optional.empty();
        }
        int[] tail = counts(text.substring(separator), NAMED_TAIL);
        if (tail == null) {
            return Optional.empty();
        }
        String scheme = text.substring(NAMED_HEAD.length(), separator);
        boolean plusSuffix = scheme.endsWith(PLUS_SUFFIX);
        if (plusSuffix) {
            scheme = scheme.substring(0, scheme.length() - PLUS_SUFFIX.length());
        }
        List<String> literals = literals(scheme);
        if (literals == null) {
            return Optional.empty();
        }
        return Optional.of(new UrlCredentialMatcher(literals.toArray(new String[0]), plusSuffix, 0, 0, 0,
                Integer.MAX_VALUE, tail[0], tail[1]));
    }

    /**
     * The counts of {@code text} when it is {@code template} with a count {@code min,max} for each
     * pair of {@code #}, in order; null when it is anything else or a count is reversed or huge.
     */
    private static int[] counts(String text, String template) {
        String[] parts = template.split("#", -1);
        int[] counts = new int[parts.length - 1];
        int at = 0;
        for (int p = 0; p < parts.length; p++) {
            if (!text.startsWith(parts[p], at)) {
                return null;
            }
            at += parts[p].length();
            if (p == parts.length - 1) {
                break;
            }
            int digits = at;
            while (digits < text.length() && digits - at < 5 && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == at) {
                return null;
            }
            counts[p] = Integer.parseInt(text.substring(at, digits));
            at = digits;
        }
        if (at != text.length()) {
            return null;
        }
        for (int c = 0; c < counts.length; c += 2) {
            if (counts[c] > counts[c + 1] || counts[c + 1] > MAX_COUNT) {
                return null;
            }
        }
        return counts;
    }

    /**
     * The literals a named scheme stands for: a sequence of lower-case letters, digits, escaped
     * {@code + . -} and groups {@code (?:a|b)}, each optionally followed by {@code ?}; null for
     * anything else, or when a literal is empty or does not start with a letter.
     */
    private static List<String> literals(String scheme) {
        Set<String> literals = new LinkedHashSet<>(List.of(""));
        int at = 0;
        while (at < scheme.length()) {
            List<String> options = new ArrayList<>();
            if (scheme.startsWith("(?:", at)) {
                at += 3;
                StringBuilder option = new StringBuilder();
                while (true) {
                    if (at >= scheme.length()) {
                        return null;
                    }
                    char c = scheme.charAt(at);
                    if (c == '|' || c == ')') {
                        options.add(option.toString());
                        option.setLength(0);
                        at++;
                        if (c == ')') {
                            break;
                        }
                        continue;
                    }
                    int length = literalLength(scheme, at);
                    if (length == 0) {
                        return null;
                    }
                    option.append(scheme.charAt(at + length - 1));
                    at += length;
                }
            } else {
                int length = literalLength(scheme, at);
                if (length == 0) {
                    return null;
                }
                options.add(String.valueOf(scheme.charAt(at + length - 1)));
                at += length;
            }
            if (at < scheme.length() && scheme.charAt(at) == '?') {
                options.add("");
                at++;
            }
            Set<String> longer = new LinkedHashSet<>();
            for (String prefix : literals) {
                for (String option : options) {
                    longer.add(prefix + option);
                }
            }
            if (longer.size() > MAX_LITERALS) {
                return null;
            }
            literals = longer;
        }
        for (String literal : literals) {
            if (literal.isEmpty() || literal.charAt(0) < 'a' || literal.charAt(0) > 'z') {
                return null;
            }
        }
        return List.copyOf(literals);
    }

    /** The length of the scheme literal at {@code at} (a lower-case letter, a digit, or {@code \+ \. \-}), or 0. */
    private static int literalLength(String scheme, int at) {
        char c = scheme.charAt(at);
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
            return 1;
        }
        if (c == '\\' && at + 1 < scheme.length() && "+.-".indexOf(scheme.charAt(at + 1)) >= 0) {
            return 2;
        }
        return 0;
    }

    /**
     * The leftmost match in {@code text[from, end)}, as the pattern's matcher over the window
     * {@code text[windowStart, end)} finds it with {@code find(from - windowStart)}; null when
     * there is none; {@link #NOT_ASCII} when a character outside ASCII was read before the match
     * (or its absence) was certain. Every character of {@code text[from, end)} up to the match's
     * end is read, so the window need not be checked beforehand.
     */
    Match find(CharSequence text, int windowStart, int from, int end) {
        for (int colon = from; colon < end; colon++) {
            char c = text.charAt(colon);
            if (c >= 128) {
                return NOT_ASCII;
            }
            if (c != ':' || colon + 3 > end || text.charAt(colon + 1) != '/' || text.charAt(colon + 2) != '/') {
                continue;
            }
            int userStart = colon + 3;
            int userEnd = run(text, userStart, end, maxUser, anyScheme ? "<>" : "");
            if (userEnd == STOPPED) {
                return NOT_ASCII;
            }
            if (userEnd < 0 || userEnd - userStart < minUser || userEnd >= end || text.charAt(userEnd) != ':') {
                continue;
            }
            int secretStart = userEnd + 1;
            int secretEnd = secretRun(text, secretStart, end);
            if (secretEnd == STOPPED) {
                return NOT_ASCII;
            }
            if (secretEnd < 0 || secretEnd - secretStart < minSecret || secretEnd >= end || text.charAt(secretEnd) != '@') {
                continue;
            }
            int hostEnd = hostRun(text, secretEnd + 1, end);
            if (hostEnd == STOPPED) {
                return NOT_ASCII;
            }
            if (hostEnd == secretEnd + 1) {
                continue;
            }
            int start = anyScheme ? anySchemeStart(text, windowStart, from, colon)
                    : namedSchemeStart(text, windowStart, from, colon);
            if (start >= 0) {
                return new Match(start, hostEnd, secretStart, secretEnd);
            }
        }
        return null;
    }

    /**
     * The end of the run of user characters at {@code start} ({@code [^:@/\s"']} and not in
     * {@code alsoExcluded}), -1 when it is longer than {@code max}, {@link #STOPPED} at a character
     * outside ASCII.
     */
    private static int run(CharSequence text, int start, int end, int max, String alsoExcluded) {
        int limit = end - start > max ? start + max + 1 : end;
        int at = start;
        while (at < limit) {
            char c = text.charAt(at);
            if (c >= 128) {
                return STOPPED;
            }
            if (c == ':' || c == '@' || c == '/' || c == '"' || c == '\'' || SPACES.indexOf(c) >= 0
                    || alsoExcluded.indexOf(c) >= 0) {
                break;
            }
            at++;
        }
        return at - start > max ? -1 : at;
    }

    /** The end of the run of secret characters at {@code start}, -1 when it is longer than the pattern allows, {@link #STOPPED} at a character outside ASCII. */
    private int secretRun(CharSequence text, int start, int end) {
        int limit = end - start > maxSecret ? start + maxSecret + 1 : end;
        int at = start;
        while (at < limit) {
            char c = text.charAt(at);
            if (c >= 128) {
                return STOPPED;
            }
            if (c == '@' || c == '/' || c == '"' || c == '\'' || SPACES.indexOf(c) >= 0 || anyScheme && (c == '<' || c == '>')) {
                break;
            }
            at++;
        }
        return at - start > maxSecret ? -1 : at;
    }

    /** The end of the run of host characters at {@code start}, {@link #STOPPED} at a character outside ASCII. */
    private int hostRun(CharSequence text, int start, int end) {
        int at = start;
        while (at < end) {
            char c = text.charAt(at);
            if (c >= 128) {
                return STOPPED;
            }
            if (anyScheme ? !(isAlphanumeric(c) || c == '.' || c == '-')
                    : c == '/' || c == '"' || c == '\'' || SPACES.indexOf(c) >= 0) {
                break;
            }
            at++;
        }
        return at;
    }

    /**
     * For any scheme: the leftmost letter at or after {@code from}, at a word boundary, from which
     * only scheme characters lead to the {@code ://} at {@code colon}, within the scheme's length; or -1.
     */
    private int anySchemeStart(CharSequence text, int windowStart, int from, int colon) {
        int lowest = Math.max(from, colon - maxScheme);
        int runStart = colon;
        while (runStart > lowest && isSchemeCharacter(text.charAt(runStart - 1))) {
            runStart--;
        }
        for (int start = runStart; start <= colon - minScheme; start++) {
            if (isLetter(text.charAt(start)) && boundaryBefore(text, windowStart, start)) {
                return start;
            }
        }
        return -1;
    }

    /**
     * For a named scheme: the leftmost start at or after {@code from}, at a word boundary, of one
     * of the literals right before the {@code ://} at {@code colon} or, when the pattern allows a
     * {@code +} suffix, right before the {@code +} that precedes the letters and digits before
     * the {@code ://}; or -1.
     */
    private int namedSchemeStart(CharSequence text, int windowStart, int from, int colon) {
        int best = -1;
        if (plusSuffix) {
            int runStart = colon;
            while (runStart > from && isAlphanumeric(text.charAt(runStart - 1))) {
                runStart--;
            }
            int plus = runStart - 1;
            if (runStart < colon && plus >= from && text.charAt(plus) == '+') {
                best = literalBefore(text, windowStart, from, plus);
            }
        }
        int plain = literalBefore(text, windowStart, from, colon);
        return best < 0 || plain >= 0 && plain < best ? plain : best;
    }

    /** The leftmost start at or after {@code from}, at a word boundary, of a literal ending at {@code end}; or -1. */
    private int literalBefore(CharSequence text, int windowStart, int from, int end) {
        int best = -1;
        for (String literal : literals) {
            int start = end - literal.length();
            if (start >= from && (best < 0 || start < best) && lettersAt(text, start, literal)
                    && boundaryBefore(text, windowStart, start)) {
                best = start;
            }
        }
        return best;
    }

    private static boolean lettersAt(CharSequence text, int at, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            char c = text.charAt(at + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code \b} holds before the word character at {@code at}: the window starts there or a non-word character precedes it. */
    private static boolean boundaryBefore(CharSequence text, int windowStart, int at) {
        if (at == windowStart) {
            return true;
        }
        char before = text.charAt(at - 1);
        return !(isAlphanumeric(before) || before == '_');
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAlphanumeric(char c) {
        return isLetter(c) || c >= '0' && c <= '9';
    }

    /** {@code [a-z0-9+.\-]} under {@code (?i)}, in ASCII. */
    private static boolean isSchemeCharacter(char c) {
        return isAlphanumeric(c) || c == '+' || c == '.' || c == '-';
    }

    @Override
    public String toString() {
        return anyScheme ? String.format(Locale.ROOT, "UrlCredentialMatcher[any scheme of %d to %d]", minScheme, maxScheme)
                : String.format(Locale.ROOT, "UrlCredentialMatcher%s%s", List.of(literals), plusSuffix ? "[+suffix]" : "");
    }
}
