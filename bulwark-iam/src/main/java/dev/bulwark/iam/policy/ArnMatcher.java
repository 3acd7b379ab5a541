package dev.bulwark.iam.policy;

/**
 * Matches an ARN against an IAM ARN pattern the way {@code Resource} and {@code ArnLike} do:
 * case-sensitive, segment by segment ({@code arn:partition:service:region:account:resource}),
 * each segment with its own wildcards, so a {@code *} in the region never swallows the account.
 * The resource segment is everything after the fifth colon and may itself hold colons and
 * slashes. A pattern with fewer segments matches the rest of the ARN with its last segment
 * ({@code arn:aws:s3:*} covers every S3 ARN); {@code *} alone matches anything. A pattern that
 * is not an ARN matches as one glob (some services accept plain names).
 */
final class ArnMatcher {
    private static final int SEGMENTS = 6;

    private ArnMatcher() {}

    /** Whether {@code value} matches the marked pattern {@code marked}. */
    static boolean matches(String marked, String value) {
        if (marked.length() == 1 && marked.charAt(0) == Glob.STAR) {
            return true;
        }
        if (!marked.startsWith("arn:") || !value.startsWith("arn:")) {
            return Glob.matches(marked, 0, marked.length(), value, 0, value.length());
        }
        int patternStart = 0;
        int valueStart = 0;
        for (int segment = 0; segment < SEGMENTS; segment++) {
            boolean last = segment == SEGMENTS - 1;
            int patternEnd = last ? -1 : marked.indexOf(':', patternStart);
            int valueEnd = last ? -1 : value.indexOf(':', valueStart);
            if (patternEnd < 0) {
                // The pattern's last segment covers the rest of the value.
                return Glob.matches(marked, patternStart, marked.length(), value, valueStart, value.length());
            }
            if (valueEnd < 0) {
                return false;
            }
            if (!Glob.matches(marked, patternStart, patternEnd, value, valueStart, valueEnd)) {
                return false;
            }
            patternStart = patternEnd + 1;
            valueStart = valueEnd + 1;
        }
        return true;
    }
}
