package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import java.util.Locale;

/** Parses sizes such as {@code 10MB}, {@code 512k} or {@code 1048576}. */
final class ByteSize {
    private ByteSize() {}

    /** The value of {@code --max-file-size}; a bad size is a user error naming the flag. */
    static long maxFileSize(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw BulwarkException.userError("--max-file-size: " + e.getMessage());
        }
    }

    static long parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long multiplier = 1;
        if (normalized.endsWith("k")) {
            multiplier = 1024;
        } else if (normalized.endsWith("m")) {
            multiplier = 1024 * 1024;
        } else if (normalized.endsWith("g")) {
            multiplier = 1024L * 1024 * 1024;
        }
        if (multiplier > 1) {
            normalized = normalized.substring(0, normalized.length() - 1).trim();
        }
        try {
            long value = Long.parseLong(normalized) * multiplier;
            if (value <= 0) {
                throw new IllegalArgumentException("size must be positive: '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 10MB, 512k, 1048576)");
        }
    }
}
