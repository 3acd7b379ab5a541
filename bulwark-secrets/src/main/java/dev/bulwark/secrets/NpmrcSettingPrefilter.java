package dev.bulwark.secrets;

import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * The prefilter for {@code .npmrc} settings ({@code (?i)(?:^|[\s:])_password\s*=...}): a match
 * needs the setting name at the start of the window or after a space or {@code :}, then spaces
 * and {@code =}. Scripts mention {@code DB_PASSWORD} far more often than {@code .npmrc} files
 * set {@code _password}, and there the name follows a letter. Characters outside ASCII match any
 * letter of the name (under {@code (?i)} RE2/J folds {@code ſ} to {@code s} and the Kelvin sign
 * to {@code k}). Immutable and thread-safe.
 */
final class NpmrcSettingPrefilter implements Prefilter {
    static final String CONTEXT = "(?i)(?:^|[\\s:])";
    private static final Pattern NAME_THEN_EQUALS = Pattern.compile("([a-z_]*[a-z][a-z_]*)\\\\s\\*=.*");

    /** The setting name, lower case. */
    private final String name;

    private NpmrcSettingPrefilter(String name) {
        this.name = name;
    }

    /** The prefilter when {@code pattern} is {@code (?i)(?:^|[\s:])NAME\s*=...} with a literal name of letters and {@code _}. */
    static Optional<Prefilter> of(Pattern pattern) {
        String text = pattern.pattern();
        if (!text.startsWith(CONTEXT)) {
            return Optional.empty();
        }
        var matcher = NAME_THEN_EQUALS.matcher(text.substring(CONTEXT.length()));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NpmrcSettingPrefilter(matcher.group(1)));
    }

    @Override
    public int earliestStart(CharSequence text, int from, int end) {
        for (int at = from; at + name.length() < end; at++) {
            if ((at == from || isContext(text.charAt(at - 1))) && nameAt(text, at) && equalsFollows(text, at + name.length(), end)) {
                return Math.max(from, at - 1);
            }
        }
        return -1;
    }

    private boolean nameAt(CharSequence text, int at) {
        for (int i = 0; i < name.length(); i++) {
            char expected = name.charAt(i);
            char actual = text.charAt(at + i);
            boolean same = expected == '_' ? actual == '_' : (actual | 0x20) == expected || actual >= 128;
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsFollows(CharSequence text, int from, int end) {
        int at = from;
        while (at < end && isSpace(text.charAt(at))) {
            at++;
        }
        return at < end && text.charAt(at) == '=';
    }

    private static boolean isContext(char c) {
        return isSpace(c) || c == ':';
    }

    /** RE2/J {@code \s}: tab, newline, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
