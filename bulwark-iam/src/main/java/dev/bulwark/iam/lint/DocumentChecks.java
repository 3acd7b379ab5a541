package dev.bulwark.iam.lint;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.lint.PolicyTarget.SizeLimit;
import java.util.Locale;
import java.util.Optional;

/** Checks of the document text as a whole: its size against the AWS quota of its type, and characters AWS refuses. */
final class DocumentChecks {
    private static final Position START = new Position(1, 1);

    private DocumentChecks() {}

    static void check(String text, LintRun run) {
        run.target().sizeLimit().ifPresent(limit -> size(text, limit, run));
        if (run.target().latin1Only()) {
            characters(text, run);
        }
    }

    private static void size(String text, SizeLimit limit, LintRun run) {
        long whitespace = 0;
        for (int index = 0; index < text.length(); index++) {
            if (isWhitespace(text.charAt(index))) {
                whitespace++;
            }
        }
        // Whitespace is one byte in UTF-8, so the sizes without it differ by the same count in both units.
        long asSent = switch (limit.unit()) {
            case NON_WHITESPACE_CHARACTERS, CHARACTERS -> text.length();
            case BYTES -> text.getBytes(UTF_8).length;
        };
        long withoutWhitespace = asSent - whitespace;
        String unit = limit.unit() == SizeLimit.Unit.BYTES ? "bytes" : "characters";
        if (limit.unit() == SizeLimit.Unit.NON_WHITESPACE_CHARACTERS) {
            if (withoutWhitespace > limit.limit()) {
                run.report(LintCheck.POLICY_TOO_LARGE, START, String.format(Locale.ROOT, "the policy has %,d characters without"
                        + " whitespace; %s may have at most %,d%s; split it or use wildcards for groups of actions", withoutWhitespace,
                        limit.what(), limit.limit(), limit.note()));
            }
            return;
        }
        if (withoutWhitespace > limit.limit()) {
            run.report(LintCheck.POLICY_TOO_LARGE, START, String.format(Locale.ROOT, "the policy has %,d %s even without whitespace;"
                    + " %s may have at most %,d%s; split it", withoutWhitespace, unit, limit.what(), limit.limit(), limit.note()));
        } else if (asSent > limit.limit()) {
            run.report(LintCheck.POLICY_SIZE_WITH_WHITESPACE, START, String.format(Locale.ROOT, "the policy has %,d %s as written;"
                    + " %s may have at most %,d, and AWS counts whitespace here; send it without whitespace (%,d)", asSent, unit,
                    limit.what(), limit.limit(), withoutWhitespace));
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Reports the first character outside tab, line feed, carriage return and U+0020 to U+00FF. */
    private static void characters(String text, LintRun run) {
        int line = 1;
        int column = 1;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c != '\t' && c != '\r' && (c < 0x20 || c > 0xFF)) {
                int codePoint = text.codePointAt(index);
                run.report(LintCheck.INVALID_CHARACTER, new Position(line, column), String.format(Locale.ROOT, "%s accepts only"
                        + " tab, line feed, carriage return and the characters U+0020 to U+00FF; '%s' (U+%04X) is not one%s",
                        capitalized(run.target().kind().label()), new String(Character.toChars(codePoint)), codePoint,
                        countOthers(text, index + Character.charCount(codePoint)).map(count -> " (nor are " + count
                                + " more after it)").orElse("")));
                return;
            }
            column++;
        }
    }

    private static Optional<Integer> countOthers(String text, int from) {
        int count = 0;
        for (int index = from; index < text.length(); index = text.offsetByCodePoints(index, 1)) {
            char c = text.charAt(index);
            if (c != '\t' && c != '\r' && c != '\n' && (c < 0x20 || c > 0xFF)) {
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(count);
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
