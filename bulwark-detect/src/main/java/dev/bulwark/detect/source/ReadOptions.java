package dev.bulwark.detect.source;

import static java.util.Objects.requireNonNull;

import dev.bulwark.detect.event.LogSource;
import java.util.Optional;

/**
 * How a {@link LogReader} reads.
 *
 * @param logSource the {@code --logsource} hint: when present it decides the format
 *        ({@link LogFormat#forSource}) instead of detection, and every event is tagged with it
 * @param maxLineBytes the longest line (and, in a JSON document, the largest single record) read;
 *        longer ones are skipped with a warning, so memory stays bounded
 * @param maxWarningsPerInput warnings shown per file or stream; further ones are only counted
 * @throws IllegalArgumentException when {@code maxLineBytes} is under 1024 or
 *         {@code maxWarningsPerInput} is not positive
 */
public record ReadOptions(Optional<LogSource> logSource, int maxLineBytes, int maxWarningsPerInput) {
    /** 8 MiB: far above any real CloudTrail or audit record, small enough to hold a few. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_WARNINGS_PER_INPUT = 100;

    public ReadOptions {
        requireNonNull(logSource, "logSource is null");
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024: " + maxLineBytes);
        }
        if (maxWarningsPerInput < 1) {
            throw new IllegalArgumentException("maxWarningsPerInput must be positive: " + maxWarningsPerInput);
        }
    }

    /** Detection, 8 MiB lines, 100 warnings per input. */
    public static ReadOptions defaults() {
        return new ReadOptions(Optional.empty(), DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_WARNINGS_PER_INPUT);
    }

    public ReadOptions withLogSource(LogSource hint) {
        return new ReadOptions(Optional.of(hint), maxLineBytes, maxWarningsPerInput);
    }

    public ReadOptions withMaxLineBytes(int bytes) {
        return new ReadOptions(logSource, bytes, maxWarningsPerInput);
    }

    public ReadOptions withMaxWarningsPerInput(int count) {
        return new ReadOptions(logSource, maxLineBytes, count);
    }
}
