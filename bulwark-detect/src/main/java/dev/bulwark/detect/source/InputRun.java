package dev.bulwark.detect.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reading of one input (a file or a stream): where its events and warnings go, and its format
 * once known. A hint fixes the format up front; otherwise the first record decides it and the rest
 * of the input is read the same way. Confined to the reading thread.
 */
final class InputRun {
    final String origin;
    private final Consumer<LogEvent> events;
    private final Consumer<ScanWarning> warnings;
    private final ReadCounters counters;
    private final int maxWarnings;
    private final Optional<LogSource> hint;
    private int shown;
    private LogFormat format;
    private LogSource source;

    InputRun(String origin, ReadOptions options, Consumer<LogEvent> events, Consumer<ScanWarning> warnings, ReadCounters counters) {
        this.origin = origin;
        this.events = events;
        this.warnings = warnings;
        this.counters = counters;
        this.maxWarnings = options.maxWarningsPerInput();
        this.hint = options.logSource();
        if (hint.isPresent()) {
            this.format = LogFormat.forSource(hint.get());
            this.source = hint.get();
        }
    }

    /** Whether a {@code --logsource} hint decided the format. */
    boolean hinted() {
        return hint.isPresent();
    }

    /** The format, or null while no record has decided it. */
    LogFormat format() {
        return format;
    }

    /** Fixes the format when neither a hint nor an earlier record did; returns the format in force. */
    LogFormat decide(LogFormat detected) {
        if (format == null) {
            format = detected;
            source = detected.defaultSource();
        }
        return format;
    }

    void emit(JsonNode body, Optional<Instant> time, long line) {
        counters.event();
        events.accept(new LogEvent(body, source, time, origin, line));
    }

    /** A located warning; line 0 is the input as a whole. Past the limit warnings are only counted. */
    void warn(long line, String message) {
        counters.warning();
        shown++;
        if (shown <= maxWarnings) {
            warnings.accept(new ScanWarning(origin, (int) Math.min(line, Integer.MAX_VALUE), message));
        } else if (shown == maxWarnings + 1) {
            warnings.accept(new ScanWarning(origin, 0, "more than " + maxWarnings + " warnings; the rest for this input are counted, not shown"));
        }
    }
}
