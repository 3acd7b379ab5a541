package dev.bulwark.detect.sigma;

import java.util.Locale;

/**
 * Case-insensitive comparison of Sigma values, by folding both sides to one form.
 *
 * <p>Design: Java has no full Unicode case folding, and {@link String#toLowerCase} is
 * context-sensitive (it writes a final sigma at the end of a word), which breaks substring
 * matching. We fold each code point alone: its full upper-case form ({@code ß} → {@code SS},
 * {@code ﬁ} → {@code FI}), each code point of which is then lowered ({@code SS} → {@code ss}). So
 * {@code ß}, {@code ẞ}, {@code ss} and {@code SS} are one; {@code σ}, {@code ς} and {@code Σ} are
 * one; and the Turkish {@code ı}, {@code İ}, {@code I} and {@code i} all fold to {@code i}, which
 * loses a Turkish distinction but means no spelling of "admin" evades a rule. The result depends
 * on no locale. Pure ASCII text takes a fast path.
 */
final class CaseFold {
    private CaseFold() {}

    static String fold(String text) {
        int length = text.length();
        int index = 0;
        while (index < length) {
            char c = text.charAt(index);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            index++;
        }
        if (index == length) {
            return text;
        }
        StringBuilder folded = new StringBuilder(length + 8);
        folded.append(text, 0, index);
        while (index < length) {
            char c = text.charAt(index);
            if (c < 0x80) {
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                index++;
                continue;
            }
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            foldCodePoint(codePoint, folded, true);
        }
        return folded.toString();
    }

    /**
     * Appends the fold of one code point. A capital whose lower case has a longer upper case
     * ({@code ẞ} → {@code ß} → {@code SS}) is folded once more, so it meets its small form.
     */
    private static void foldCodePoint(int codePoint, StringBuilder folded, boolean again) {
        String upper = new String(Character.toChars(codePoint)).toUpperCase(Locale.ROOT);
        if (upper.codePointCount(0, upper.length()) == 1) {
            int lower = Character.toLowerCase(upper.codePointAt(0));
            if (again && lower != codePoint && new String(Character.toChars(lower)).toUpperCase(Locale.ROOT).length() > 1) {
                foldCodePoint(lower, folded, false);
            } else {
                folded.appendCodePoint(lower);
            }
            return;
        }
        for (int i = 0; i < upper.length(); ) {
            int part = upper.codePointAt(i);
            i += Character.charCount(part);
            folded.appendCodePoint(Character.toLowerCase(part));
        }
    }
}
