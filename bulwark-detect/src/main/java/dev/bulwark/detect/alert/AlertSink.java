package dev.bulwark.detect.alert;

/**
 * Somewhere alerts go: a webhook, a chat channel, a command. {@link #deliver} hands the alert
 * over and returns at once; delivery happens on the sink's own thread, with its retries, so a
 * slow or failing endpoint never holds detection up. Nothing a sink does throws into the caller.
 */
public interface AlertSink extends AutoCloseable {
    /** A short name for messages, e.g. {@code webhook https://hooks.example/x}. */
    String name();

    /** Queues the alert; when the queue is full the alert is dropped and counted. */
    void deliver(Alert alert);

    /** What happened so far. */
    Stats stats();

    /** Delivers what is queued, waiting at most the sink's close timeout, then stops. */
    @Override
    void close();

    /** Alerts delivered, failed after every retry, and dropped because the queue was full. */
    record Stats(long delivered, long failed, long dropped, String lastError) {}
}
