package dev.bulwark.secrets;

import com.google.re2j.Pattern;

/**
 * Where in a window a detector's pattern can first match, found by a scan far cheaper per
 * character than the RE2/J NFA. A prefilter is exact for the pattern shape it was made for: it
 * never skips a match, so the scanner searches from the offset it returns and skips the window
 * when it returns -1. Patterns with no known shape get {@link #NONE}. Stateless and thread-safe.
 */
@FunctionalInterface
interface Prefilter {
    /** No prefilter: the pattern runs over the whole window. */
    Prefilter NONE = (text, from, end) -> from;

    /**
     * The earliest offset in {@code text[from, end)} where a match can start, or -1 when none can.
     * Matches of the shapes with a prefilter are never empty.
     */
    int earliestStart(CharSequence text, int from, int end);

    /** The prefilter exact for {@code pattern}'s shape, or {@link #NONE}. */
    static Prefilter of(Pattern pattern) {
        if (hasTopLevelAlternation(pattern.pattern())) {
            return NONE;
        }
        if (AssignmentPrefilter.applies(pattern)) {
            return AssignmentPrefilter::earliestStart;
        }
        return NpmrcSettingPrefilter.of(pattern).orElse(NONE);
    }

    /**
     * Whether {@code regex} may be an alternation at its top level ({@code a|b}), where a shape
     * seen at its start says nothing about the other branches. Quoted text ({@code \Q...\E})
     * counts as an alternation, so it never gets a prefilter.
     */
    static boolean hasTopLevelAlternation(String regex) {
        if (regex.contains("\\Q")) {
            return true;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth <= 0) {
                return true;
            }
        }
        return false;
    }
}
