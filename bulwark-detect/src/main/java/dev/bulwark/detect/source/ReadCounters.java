package dev.bulwark.detect.source;

/** The running counts behind a {@link ReadSummary}; confined to the reading thread. */
final class ReadCounters {
    private long inputs;
    private long events;
    private long warnings;
    private long bytes;

    void input() {
        inputs++;
    }

    void event() {
        events++;
    }

    void warning() {
        warnings++;
    }

    void bytes(long count) {
        bytes += count;
    }

    long events() {
        return events;
    }

    ReadSummary summary() {
        return new ReadSummary(inputs, events, warnings, bytes);
    }
}
