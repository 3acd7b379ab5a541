package dev.bulwark.iam.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to a misspelt one by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours, ignoring case), when it is close enough to be
 * a plausible typo: at most a third of the name's length, and at most 3 edits. Names longer than
 * {@link #MAX_LENGTH} get no suggestion, which bounds the cost on hostile input.
 */
final class Suggestions {
    static final int MAX_LENGTH = 128;

    private Suggestions() {}

    /** The closest candidate, the first in iteration order among equally close ones. */
    static Optional<String> closest(String wanted, Iterable<String> candidates) {
        if (wanted.isEmpty() || wanted.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - lower.length()) >= bestDistance || candidate.length() > MAX_LENGTH) {
                continue;
            }
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT), bestDistance);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance; any value at or above {@code cutoff} may be returned as {@code cutoff}. */
    static int distance(String left, String right, int cutoff) {
        int[] before = new int[right.length() + 1];
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && left.charAt(i - 1) == right.charAt(j - 2) && left.charAt(i - 2) == right.charAt(j - 1)) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum >= cutoff) {
                return cutoff;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[right.length()], cutoff);
    }
}
