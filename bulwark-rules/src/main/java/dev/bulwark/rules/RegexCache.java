package dev.bulwark.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL's {@code matches()} with compiled patterns kept: RE2J (linear time, as the standard
 * function) with the same partial-match semantics. At most {@link #MAX_PATTERNS} patterns are
 * kept, so a rule that builds patterns from input cannot grow memory without bound. Thread-safe.
 */
final class RegexCache {
    static final int MAX_PATTERNS = 4096;
    private static final ConcurrentHashMap<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private RegexCache() {}

    static boolean find(String text, String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.getDescription(), e);
            }
            if (PATTERNS.size() < MAX_PATTERNS) {
                PATTERNS.putIfAbsent(regex, pattern);
            }
        }
        return pattern.matcher(text).find();
    }
}
