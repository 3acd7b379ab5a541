package dev.bulwark.iam.lint;

/**
 * ARN patterns as policies write them: splitting into the six segments (colons inside a policy
 * variable {@code ${...}} do not count) and deciding whether one pattern covers another.
 *
 * <p>Coverage is decided segment by segment, as {@code Resource} matching works: {@code a} is
 * covered by {@code b} when every ARN {@code a} matches, {@code b} matches too. The test used is
 * sufficient, not complete: a wildcard or policy variable of {@code a} must be absorbed by a
 * {@code *} of {@code b}, and a policy variable of {@code b} only covers the same text. It never
 * claims coverage that does not hold, which is what a redundancy warning needs. Patterns longer
 * than {@link #MAX_COMPARED} are only compared for equality, which bounds the cost of the
 * quadratic search.
 */
final class ArnPattern {
    static final int SEGMENTS = 6;
    static final int MAX_COMPARED = 2_048;

    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte ANY = 2;

    private ArnPattern() {}

    /** The segments of an ARN ({@code arn}, partition, service, region, account, resource); fewer when it has fewer colons. */
    static String[] segments(String arn) {
        String[] parts = new String[SEGMENTS];
        int count = 0;
        int start = 0;
        int index = 0;
        while (index < arn.length() && count < SEGMENTS - 1) {
            if (arn.startsWith("${", index)) {
                int close = arn.indexOf('}', index + 2);
                if (close > 0) {
                    index = close + 1;
                    continue;
                }
            }
            if (arn.charAt(index) == ':') {
                parts[count++] = arn.substring(start, index);
                start = index + 1;
            }
            index++;
        }
        parts[count++] = arn.substring(start);
        if (count == SEGMENTS) {
            return parts;
        }
        String[] shorter = new String[count];
        System.arraycopy(parts, 0, shorter, 0, count);
        return shorter;
    }

    /** Whether the text holds a wildcard or a policy variable, so that it is a pattern rather than one value. */
    static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.contains("${");
    }

    /** Whether every resource {@code covered} matches, {@code covering} matches too (see the class comment). */
    static boolean covers(String covering, String covered) {
        if (covering.equals("*") || covering.equals(covered)) {
            return true;
        }
        if (covered.equals("*") || covering.length() > MAX_COMPARED || covered.length() > MAX_COMPARED) {
            return false;
        }
        String[] outer = segments(covering);
        String[] inner = segments(covered);
        if (outer.length != SEGMENTS || inner.length != SEGMENTS || !outer[0].equals("arn") || !inner[0].equals("arn")) {
            return false;
        }
        for (int segment = 1; segment < SEGMENTS; segment++) {
            if (!segmentCovers(outer[segment], inner[segment])) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentCovers(String covering, String covered) {
        if (covering.equals(covered)) {
            return true;
        }
        if (covering.contains("${")) {
            return false;
        }
        byte[] outerKinds = new byte[covering.length()];
        char[] outerChars = new char[covering.length()];
        int outerSize = tokens(covering, outerKinds, outerChars);
        byte[] innerKinds = new byte[covered.length()];
        char[] innerChars = new char[covered.length()];
        int innerSize = tokens(covered, innerKinds, innerChars);
        // covers[i][j]: covered tokens from i on are covered by covering tokens from j on.
        boolean[][] result = new boolean[innerSize + 1][outerSize + 1];
        result[innerSize][outerSize] = true;
        for (int j = outerSize - 1; j >= 0; j--) {
            result[innerSize][j] = outerKinds[j] == ANY && result[innerSize][j + 1];
        }
        for (int i = innerSize - 1; i >= 0; i--) {
            for (int j = outerSize - 1; j >= 0; j--) {
                boolean value;
                if (outerKinds[j] == ANY) {
                    value = result[i][j + 1] || result[i + 1][j];
                } else if (outerKinds[j] == ONE) {
                    value = innerKinds[i] != ANY && result[i + 1][j + 1];
                } else {
                    value = innerKinds[i] == LITERAL && innerChars[i] == outerChars[j] && result[i + 1][j + 1];
                }
                result[i][j] = value;
            }
        }
        return result[0][0];
    }

    /** Tokens of a segment: literals, {@code ?}, and {@code *} or a whole {@code ${...}} as "any text". */
    private static int tokens(String text, byte[] kinds, char[] chars) {
        int size = 0;
        int index = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (text.startsWith("${", index) && text.indexOf('}', index + 2) > 0) {
                kinds[size++] = ANY;
                index = text.indexOf('}', index + 2) + 1;
            } else if (c == '*') {
                kinds[size++] = ANY;
                index++;
            } else if (c == '?') {
                kinds[size++] = ONE;
                index++;
            } else {
                kinds[size] = LITERAL;
                chars[size++] = c;
                index++;
            }
        }
        return size;
    }
}
