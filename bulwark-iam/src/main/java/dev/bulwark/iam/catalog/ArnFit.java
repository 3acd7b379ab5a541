package dev.bulwark.iam.catalog;

/**
 * Decides whether a resource ARN written in a policy can name a resource of a type, given the
 * type's ARN format from the Service Authorization Reference.
 *
 * <p>Both sides are patterns: the format has placeholders ({@code ${BucketName}}) and sometimes
 * {@code *}; the policy ARN may have the IAM wildcards {@code *} and {@code ?} and policy
 * variables ({@code ${aws:username}}). The ARN fits when some concrete ARN matches both, which is
 * decided per ARN segment (the six parts separated by the first five colons; colons inside
 * {@code ${...}} do not count) by a search over pairs of positions in the two token sequences,
 * the product of two small automata. Segments are a few dozen characters, so the search is cheap.
 *
 * <p>Placeholders match one or more characters. Inside the resource segment, a placeholder
 * followed by a {@code /} or {@code :} does not contain that separator
 * ({@code ${BucketName}/${ObjectName}} splits at the first {@code /}, while a log group name
 * before {@code :log-stream:} may hold slashes); a placeholder that is the whole resource
 * segment, such as an S3 bucket name or an SQS queue name, excludes {@code /}; the last
 * placeholder matches everything else, {@code /} and {@code :} included (IAM paths, log group
 * names, function qualifiers). A policy
 * ARN with fewer than six segments fits only when its last segment ends with {@code *}, which then
 * stands for the remaining segments too ({@code arn:aws:s3:*}).
 */
final class ArnFit {
    private static final int SEGMENTS = 6;
    private static final int RESOURCE_SEGMENT = SEGMENTS - 1;

    private static final byte LITERAL = 0;
    /** Exactly one character other than the excluded one. */
    private static final byte ONE = 1;
    /** Zero or more characters other than the excluded one. */
    private static final byte ANY = 2;

    private ArnFit() {}

    static boolean fits(String pattern, String arn) {
        if (arn.equals("*")) {
            return true;
        }
        int[] patternStarts = segmentStarts(pattern);
        int[] arnStarts = segmentStarts(arn);
        if (patternStarts[SEGMENTS] < SEGMENTS) {
            return false;
        }
        int arnSegments = arnStarts[SEGMENTS];
        if (arnSegments < SEGMENTS && !arn.endsWith("*")) {
            return false;
        }
        for (int segment = 0; segment < arnSegments; segment++) {
            boolean spansRest = segment == arnSegments - 1 && arnSegments < SEGMENTS;
            int patternEnd = segmentEnd(pattern, patternStarts, segment);
            if (spansRest) {
                // The trailing * stands for the segments the ARN leaves out: match the rest of the format.
                patternEnd = pattern.length();
            }
            boolean resource = segment == RESOURCE_SEGMENT || spansRest;
            Tokens format = formatTokens(pattern, patternStarts[segment], patternEnd, resource);
            Tokens policy = arnTokens(arn, arnStarts[segment], segmentEnd(arn, arnStarts, segment));
            if (!intersect(format, policy)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The start index of each of the up to six segments, and in the last slot how many segments
     * there are. Colons inside {@code ${...}} do not separate segments.
     */
    private static int[] segmentStarts(String text) {
        int[] starts = new int[SEGMENTS + 1];
        int count = 1;
        int index = 0;
        while (index < text.length() && count < SEGMENTS) {
            int variableEnd = variableEnd(text, index);
            if (variableEnd > 0) {
                index = variableEnd;
            } else {
                if (text.charAt(index) == ':') {
                    starts[count] = index + 1;
                    count++;
                }
                index++;
            }
        }
        starts[SEGMENTS] = count;
        return starts;
    }

    private static int segmentEnd(String text, int[] starts, int segment) {
        if (segment + 1 < starts[SEGMENTS]) {
            return starts[segment + 1] - 1;
        }
        return text.length();
    }

    /** Tokens of a Service Authorization Reference ARN format segment. */
    private static Tokens formatTokens(String text, int start, int end, boolean resource) {
        Tokens tokens = new Tokens(2 * (end - start));
        int index = start;
        while (index < end) {
            int placeholderEnd = variableEnd(text, index);
            if (placeholderEnd > 0 && placeholderEnd <= end) {
                char excluded = 0;
                if (resource) {
                    if (placeholderEnd < end) {
                        char next = text.charAt(placeholderEnd);
                        if (next == '/' || next == ':') {
                            excluded = next;
                        }
                    } else if (index == start) {
                        excluded = '/';
                    }
                }
                tokens.add(ONE, excluded);
                tokens.add(ANY, excluded);
                index = placeholderEnd;
            } else if (text.charAt(index) == '*') {
                tokens.add(ANY, (char) 0);
                index++;
            } else {
                tokens.add(LITERAL, text.charAt(index));
                index++;
            }
        }
        return tokens;
    }

    /** Tokens of a policy's ARN segment: IAM wildcards, and policy variables standing for any text. */
    private static Tokens arnTokens(String text, int start, int end) {
        Tokens tokens = new Tokens(end - start);
        int index = start;
        while (index < end) {
            int variableEnd = variableEnd(text, index);
            char current = text.charAt(index);
            if (variableEnd > 0 && variableEnd <= end) {
                tokens.add(ANY, (char) 0);
                index = variableEnd;
            } else if (current == '*') {
                tokens.add(ANY, (char) 0);
                index++;
            } else if (current == '?') {
                tokens.add(ONE, (char) 0);
                index++;
            } else {
                tokens.add(LITERAL, current);
                index++;
            }
        }
        return tokens;
    }

    /** The index after a {@code ${...}} starting at {@code index}, or -1. */
    private static int variableEnd(String text, int index) {
        if (!text.startsWith("${", index)) {
            return -1;
        }
        int close = text.indexOf('}', index + 2);
        if (close < 0) {
            return -1;
        }
        return close + 1;
    }

    /** Whether some string matches both token sequences: a search over (left, right) positions. */
    private static boolean intersect(Tokens left, Tokens right) {
        int width = right.size + 1;
        boolean[] seen = new boolean[(left.size + 1) * width];
        int[] stack = new int[seen.length];
        int[] next = new int[3];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int state = stack[--top];
            int leftIndex = state / width;
            int rightIndex = state % width;
            if (leftIndex == left.size && rightIndex == right.size) {
                return true;
            }
            int count = 0;
            if (leftIndex < left.size && left.kinds[leftIndex] == ANY) {
                next[count++] = (leftIndex + 1) * width + rightIndex;
            }
            if (rightIndex < right.size && right.kinds[rightIndex] == ANY) {
                next[count++] = leftIndex * width + rightIndex + 1;
            }
            if (leftIndex < left.size && rightIndex < right.size && compatible(left, leftIndex, right, rightIndex)) {
                int nextLeft = leftIndex + 1;
                if (left.kinds[leftIndex] == ANY) {
                    nextLeft = leftIndex;
                }
                int nextRight = rightIndex + 1;
                if (right.kinds[rightIndex] == ANY) {
                    nextRight = rightIndex;
                }
                next[count++] = nextLeft * width + nextRight;
            }
            for (int index = 0; index < count; index++) {
                if (!seen[next[index]]) {
                    seen[next[index]] = true;
                    stack[top++] = next[index];
                }
            }
        }
        return false;
    }

    /** Whether one character can satisfy both tokens. */
    private static boolean compatible(Tokens left, int leftIndex, Tokens right, int rightIndex) {
        boolean leftLiteral = left.kinds[leftIndex] == LITERAL;
        boolean rightLiteral = right.kinds[rightIndex] == LITERAL;
        char leftChar = left.chars[leftIndex];
        char rightChar = right.chars[rightIndex];
        if (leftLiteral && rightLiteral) {
            return leftChar == rightChar;
        }
        if (leftLiteral) {
            return rightChar == 0 || leftChar != rightChar;
        }
        if (rightLiteral) {
            return leftChar == 0 || leftChar != rightChar;
        }
        // Two character classes, each excluding at most one character, always share a character.
        return true;
    }

    /** A token sequence: a kind and a character (the literal, or the excluded one, 0 for none) per token. */
    private static final class Tokens {
        final byte[] kinds;
        final char[] chars;
        int size;

        Tokens(int capacity) {
            kinds = new byte[capacity];
            chars = new char[capacity];
        }

        void add(byte kind, char character) {
            kinds[size] = kind;
            chars[size] = character;
            size++;
        }
    }
}
