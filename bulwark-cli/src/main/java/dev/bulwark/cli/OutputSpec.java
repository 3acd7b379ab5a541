package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** One {@code --format} value: {@code FORMAT} (standard output) or {@code FORMAT=FILE}. */
record OutputSpec(String format, Optional<Path> file) {
    static OutputSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new OutputSpec(text.trim().toLowerCase(Locale.ROOT), Optional.empty());
        }
        String format = text.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String file = text.substring(equals + 1).trim();
        if (file.isEmpty() || file.equals("-")) {
            return new OutputSpec(format, Optional.empty());
        }
        return new OutputSpec(format, Optional.of(Path.of(file)));
    }
}
