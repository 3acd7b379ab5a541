package dev.bulwark.secrets;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches a fixed-shape token detector at a keyword hit without running its RE2/J pattern: the
 * secret must start where the keyword was found, so the scanner checks each hit directly, in
 * time proportional to the token's length.
 *
 * <p>Design: the detectors for vendor tokens ({@code ghp_…}, {@code sk_live_…}, {@code xoxb-…})
 * share one pattern shape, {@code BEFORE(?P<secret>PIECE…)AFTER}, where {@code BEFORE} is
 * {@code (?:^|[^F])} or {@code \b}, {@code AFTER} is {@code (?:[^G]|$)} or {@code \b}, and each
 * piece is a literal character, an alternation of literals of one length ({@code (?:AKIA|ASIA)}) or
 * an ASCII class with a count ({@code [0-9A-Za-z]{36}}, {@code {24,247}}, {@code {20,}}). RE2/J runs its NFA from the start of a window of up to 256
 * characters before the hit and a second time to find the group, which made these few detectors
 * the bulk of the scan's time on real tokens. {@link #of} accepts a pattern only when its
 * leftmost-first match is determined without backtracking: every piece whose count varies is
 * followed by a piece (or by {@code AFTER}) that none of its characters can start, so taking the
 * longest run allowed is the only way to go on; and every literal start the token can have must
 * begin with one of the detector's keywords (ignoring case, as keywords are found), so every match
 * starts at a keyword hit. Anything else, including {@code (?i)}, alternations of literals of
 * different lengths or of anything but literals, optional parts,
 * lazy counts, shorthand classes and classes holding a line break, keeps the pattern.
 *
 * <p>Where the two differ: the character before the token is read from the text itself, where
 * the pattern over a window would take the window's start for the start of the text; and a token
 * right after another one and a single separator is found, where the pattern's search resumes
 * after the separator it consumed and misses it. Both differences only find tokens the pattern
 * would miss. Immutable and thread-safe.
 */
final class TokenMatcher {
    private static final String SECRET_OPEN = "(?P<secret>";
    /** RE2's ASCII word characters, which {@code \b} looks at. */
    private static final CharSet WORD = CharSet.parse("0-9A-Za-z_");
    private static final int MAX_PREFIXES = 64;

    /** Characters that may not come right before the token (it may start the text). */
    private final CharSet forbiddenBefore;
    /** Characters that may not come right after the token (it may end the window). */
    private final CharSet forbiddenAfter;
    private final CharSet[] sets;
    private final int[] mins;
    private final int[] maxes;
    /** For a piece that is an alternation of literals of one length, the literals; else null. */
    private final String[][] alternatives;
    /** The literal strings a token can start with: its leading literals and alternations, expanded. */
    private final List<String> prefixes;

    private TokenMatcher(CharSet forbiddenBefore, CharSet forbiddenAfter, List<Piece> pieces) {
        this.forbiddenBefore = forbiddenBefore;
        this.forbiddenAfter = forbiddenAfter;
        this.sets = new CharSet[pieces.size()];
        this.mins = new int[pieces.size()];
        this.maxes = new int[pieces.size()];
        this.alternatives = new String[pieces.size()][];
        for (int p = 0; p < sets.length; p++) {
            sets[p] = pieces.get(p).set();
            mins[p] = pieces.get(p).min();
            maxes[p] = pieces.get(p).max();
            alternatives[p] = pieces.get(p).alternatives();
        }
        this.prefixes = prefixes(pieces);
    }

    /**
     * The strings of the leading literal pieces (a character, or an alternation of literals),
     * expanded; at most {@value #MAX_PREFIXES}, and empty when the token starts with a class.
     */
    private static List<String> prefixes(List<Piece> pieces) {
        List<String> prefixes = List.of("");
        for (Piece piece : pieces) {
            List<String> options;
            if (piece.alternatives() != null) {
                options = List.of(piece.alternatives());
            } else if (piece.set().single() != 0 && piece.min() == 1 && piece.max() == 1) {
                options = List.of(String.valueOf(piece.set().single()));
            } else {
                break;
            }
            if (prefixes.size() * options.size() > MAX_PREFIXES) {
                break;
            }
            List<String> longer = new ArrayList<>();
            for (String prefix : prefixes) {
                for (String option : options) {
                    longer.add(prefix + option);
                }
            }
            prefixes = longer;
        }
        return prefixes.get(0).isEmpty() ? List.of() : List.copyOf(prefixes);
    }

    /**
     * The matcher exact for {@code pattern} at hits of {@code keywords}, or empty when the
     * pattern does not have the token shape or a literal start of the token begins with none of
     * the keywords.
     */
    static Optional<TokenMatcher> of(Pattern pattern, List<String> keywords) {
        return parse(pattern.pattern()).filter(matcher -> matcher.everyStartIsAHit(keywords));
    }

    /**
     * The end of the secret that starts at {@code start} and ends at or before {@code limit}, or
     * -1 when the pattern has no match whose secret starts there. {@code limit} is the end of the
     * window the pattern would search; the token may end there.
     */
    int secretEnd(CharSequence text, int start, int limit) {
        if (start > 0 && forbiddenBefore.contains(text.charAt(start - 1))) {
            return -1;
        }
        int position = start;
        for (int p = 0; p < sets.length; p++) {
            if (alternatives[p] != null) {
                position = alternativeEnd(alternatives[p], text, position, limit);
                if (position < 0) {
                    return -1;
                }
                continue;
            }
            CharSet set = sets[p];
            int runEnd = limit - position > maxes[p] ? position + maxes[p] : limit;
            int run = position;
            while (run < runEnd && set.contains(text.charAt(run))) {
                run++;
            }
            if (run - position < mins[p]) {
                return -1;
            }
            position = run;
        }
        if (position < limit && forbiddenAfter.contains(text.charAt(position))) {
            return -1;
        }
        return position;
    }

    /**
     * Whether every string a token can start with begins with one of {@code keywords} (ignoring
     * case, as the keyword pass finds them), so that every token starts at a keyword hit.
     */
    /** The end of the literal of {@code options} (all of one length) at {@code position}, or -1. */
    private static int alternativeEnd(String[] options, CharSequence text, int position, int limit) {
        int length = options[0].length();
        if (limit - position < length) {
            return -1;
        }
        for (String option : options) {
            int i = 0;
            while (i < length && text.charAt(position + i) == option.charAt(i)) {
                i++;
            }
            if (i == length) {
                return position + length;
            }
        }
        return -1;
    }

    private boolean everyStartIsAHit(List<String> keywords) {
        if (prefixes.isEmpty()) {
            return false;
        }
        for (String prefix : prefixes) {
            boolean covered = false;
            for (String keyword : keywords) {
                if (!keyword.isEmpty() && keyword.length() <= prefix.length()
                        && prefix.regionMatches(true, 0, keyword, 0, keyword.length())) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /**
     * One piece: {@code set} repeated {@code min} to {@code max} times, or, when
     * {@code alternatives} is not null, exactly one of those literals (all of one length; {@code set}
     * then holds their first characters).
     */
    private record Piece(CharSet set, int min, int max, String[] alternatives) {
        Piece(CharSet set, int min, int max) {
            this(set, min, max, null);
        }
    }

    /** Parses {@code regex} as the token shape; empty when it is anything else or not deterministic. */
    static Optional<TokenMatcher> parse(String regex) {
        Cursor cursor = new Cursor(regex);
        CharSet before;
        if (cursor.take("\\b")) {
            before = WORD;
        } else if (cursor.take("(?:^|[^")) {
            before = cursor.classBody();
            if (before == null || !cursor.take("])")) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (!cursor.take(SECRET_OPEN)) {
            return Optional.empty();
        }
        List<Piece> pieces = new ArrayList<>();
        while (!cursor.atEnd() && cursor.peek() != ')') {
            Piece piece = cursor.piece();
            if (piece == null) {
                return Optional.empty();
            }
            pieces.add(piece);
        }
        if (pieces.isEmpty() || !cursor.take(")")) {
            return Optional.empty();
        }
        CharSet after;
        boolean wordBoundaries = false;
        if (cursor.take("\\b")) {
            after = WORD;
            wordBoundaries = true;
        } else if (cursor.take("(?:[^")) {
            after = cursor.classBody();
            if (after == null || !cursor.take("]|$)")) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (!cursor.atEnd() || before.breaksLines() || after.breaksLines()) {
            return Optional.empty();
        }
        if (regex.startsWith("\\b") && !pieces.get(0).set().within(WORD)) {
            return Optional.empty();
        }
        Piece lastPiece = pieces.get(pieces.size() - 1);
        if (wordBoundaries && (lastPiece.alternatives() != null || !lastPiece.set().within(WORD))) {
            return Optional.empty();
        }
        for (int p = 0; p < pieces.size(); p++) {
            Piece piece = pieces.get(p);
            if (piece.min() < 1 || piece.min() > piece.max() || piece.set().breaksLines()) {
                return Optional.empty();
            }
            boolean last = p == pieces.size() - 1;
            // A varying count must stop where the next piece starts: the next piece's characters
            // (or, after the last piece, every character AFTER accepts, i.e. those outside G) must
            // not be in its class.
            if (piece.min() != piece.max()
                    && (last ? !piece.set().within(after) : piece.set().intersects(pieces.get(p + 1).set()))) {
                return Optional.empty();
            }
        }
        return Optional.of(new TokenMatcher(before, after, pieces));
    }

    /** A set of ASCII characters, as two 64-bit masks. */
    record CharSet(long low, long high) {
        boolean contains(char c) {
            return c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0;
        }

        /** Whether it holds a line feed or carriage return, which would let a token or its boundary cross a line end. */
        boolean breaksLines() {
            return contains('\n') || contains('\r');
        }

        boolean within(CharSet other) {
            return (low & ~other.low) == 0 && (high & ~other.high) == 0;
        }

        boolean intersects(CharSet other) {
            return (low & other.low) != 0 || (high & other.high) != 0;
        }

        /** The only character of a one-character set, or 0. */
        char single() {
            if (Long.bitCount(low) + Long.bitCount(high) != 1) {
                return 0;
            }
            return (char) (low != 0 ? Long.numberOfTrailingZeros(low) : 64 + Long.numberOfTrailingZeros(high));
        }

        CharSet with(char c) {
            return c < 64 ? new CharSet(low | 1L << c, high) : new CharSet(low, high | 1L << (c - 64));
        }

        /** A class body without escapes, such as {@code 0-9A-Za-z_}. */
        static CharSet parse(String body) {
            CharSet set = new Cursor(body).classBody();
            if (set == null) {
                throw new IllegalArgumentException("not a class body: " + body);
            }
            return set;
        }
    }

    /** Reads the pattern text left to right. */
    private static final class Cursor {
        /** Punctuation that may be escaped with a backslash, and is then itself. */
        private static final String ESCAPABLE = "\\.-_/+=$^*?()[]{}|:~@#%&!,;<>'\"`";
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        boolean take(String expected) {
            if (text.startsWith(expected, at)) {
                at += expected.length();
                return true;
            }
            return false;
        }

        /** A literal character or a class, with an optional count; null when it is anything else. */
        Piece piece() {
            CharSet set;
            char c = text.charAt(at);
            if (take("(?:")) {
                return alternation();
            }
            if (c == '[') {
                at++;
                if (!atEnd() && peek() == '^') {
                    return null;
                }
                set = classBody();
                if (set == null || !take("]")) {
                    return null;
                }
            } else {
                int literal = literal(false);
                if (literal < 0) {
                    return null;
                }
                set = new CharSet(0, 0).with((char) literal);
            }
            if (!take("{")) {
                return atEnd() || "*+?|(".indexOf(peek()) < 0 ? new Piece(set, 1, 1) : null;
            }
            int min = number();
            int max = min;
            if (take(",")) {
                max = atEnd() || peek() == '}' ? Integer.MAX_VALUE : number();
            }
            if (min < 0 || max < 0 || !take("}") || !atEnd() && "?+*".indexOf(peek()) >= 0) {
                return null;
            }
            return new Piece(set, min, max);
        }

        /**
         * After {@code (?:}: literals of one length separated by {@code |}, then {@code )} and no
         * count; null for anything else (different lengths would need backtracking).
         */
        Piece alternation() {
            List<String> options = new ArrayList<>();
            StringBuilder option = new StringBuilder();
            while (!atEnd()) {
                char c = peek();
                if (c == '|' || c == ')') {
                    at++;
                    if (option.length() == 0 || !options.isEmpty() && options.get(0).length() != option.length()) {
                        return null;
                    }
                    options.add(option.toString());
                    option.setLength(0);
                    if (c == ')') {
                        if (!atEnd() && "{*+?".indexOf(peek()) >= 0) {
                            return null;
                        }
                        CharSet first = new CharSet(0, 0);
                        for (String each : options) {
                            first = first.with(each.charAt(0));
                        }
                        return new Piece(first, 1, 1, options.toArray(new String[0]));
                    }
                    continue;
                }
                int literal = literal(false);
                if (literal < 0) {
                    return null;
                }
                option.append((char) literal);
            }
            return null;
        }

        /** The characters of a class up to (not including) its {@code ]}; null when it holds something this shape does not allow. */
        CharSet classBody() {
            CharSet set = new CharSet(0, 0);
            while (!atEnd() && peek() != ']') {
                int from = literal(true);
                if (from < 0) {
                    return null;
                }
                if (at + 1 < text.length() && peek() == '-' && text.charAt(at + 1) != ']') {
                    at++;
                    int to = literal(true);
                    if (to < from) {
                        return null;
                    }
                    for (int c = from; c <= to; c++) {
                        set = set.with((char) c);
                    }
                } else {
                    set = set.with((char) from);
                }
            }
            return set.low() == 0 && set.high() == 0 ? null : set;
        }

        /** One printable ASCII character, escaped or not; -1 for metacharacters, shorthands and anything else. */
        private int literal(boolean inClass) {
            if (atEnd()) {
                return -1;
            }
            char c = text.charAt(at);
            if (c == '\\') {
                if (at + 1 >= text.length() || ESCAPABLE.indexOf(text.charAt(at + 1)) < 0) {
                    return -1;
                }
                at += 2;
                return text.charAt(at - 1);
            }
            if (c < 0x21 || c > 0x7e || (inClass ? "[]\\^".indexOf(c) >= 0 : ".^$*+?()[]{}|\\".indexOf(c) >= 0)) {
                return -1;
            }
            at++;
            return c;
        }

        private int number() {
            int start = at;
            while (!atEnd() && Character.isDigit(peek()) && at - start < 6) {
                at++;
            }
            return at == start ? -1 : Integer.parseInt(text.substring(start, at), 10);
        }
    }
}
