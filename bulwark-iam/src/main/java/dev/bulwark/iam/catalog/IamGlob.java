package dev.bulwark.iam.catalog;

/**
 * IAM wildcard matching: {@code *} matches any run of characters (none included), {@code ?}
 * exactly one. Callers lowercase both sides first, which makes the match case-insensitive as
 * IAM action names are. The greedy algorithm with one backtrack point runs in time linear in the
 * text for the patterns policies use and allocates nothing.
 */
final class IamGlob {
    private IamGlob() {}

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    static boolean matches(String pattern, String text) {
        return matches(pattern, text, null);
    }

    /**
     * Matches {@code pattern} against {@code first + ":" + second} without building that string;
     * with {@code second} null, against {@code first} alone.
     */
    static boolean matches(String pattern, String first, String second) {
        int textLength = first.length();
        if (second != null) {
            textLength += 1 + second.length();
        }
        int patternIndex = 0;
        int textIndex = 0;
        int starIndex = -1;
        int starTextIndex = 0;
        while (textIndex < textLength) {
            char patternChar = 0;
            if (patternIndex < pattern.length()) {
                patternChar = pattern.charAt(patternIndex);
            }
            if (patternIndex < pattern.length() && patternChar != '*'
                    && (patternChar == '?' || patternChar == charAt(first, second, textIndex))) {
                patternIndex++;
                textIndex++;
            } else if (patternIndex < pattern.length() && patternChar == '*') {
                starIndex = patternIndex;
                starTextIndex = textIndex;
                patternIndex++;
            } else if (starIndex >= 0) {
                starTextIndex++;
                patternIndex = starIndex + 1;
                textIndex = starTextIndex;
            } else {
                return false;
            }
        }
        while (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
            patternIndex++;
        }
        return patternIndex == pattern.length();
    }

    private static char charAt(String first, String second, int index) {
        if (index < first.length()) {
            return first.charAt(index);
        }
        if (index == first.length()) {
            return ':';
        }
        return second.charAt(index - first.length() - 1);
    }
}
