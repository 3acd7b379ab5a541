package dev.bulwark.detect;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reading and detection overlapped: a reader thread parses events into batches while the calling
 * thread runs the rules of the previous batch on the pool and keeps the stateful part (first-seen
 * values, correlations) in order. Memory is bounded by a few batches in flight, whatever the log
 * size; alerts come in event order, as from {@link Detector#accept(LogEvent)} one by one.
 */
public final class Pipeline {
    static final int BATCH = 4_096;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final List<LogEvent> END = new ArrayList<>(0);

    private Pipeline() {}

    /**
     * Runs {@code reader} (which pushes every event to the consumer it is given, then returns) on a
     * thread of its own, and the detection of its events here: the rules of each batch on this
     * thread and {@code helpers} threads of {@code pool} (none when it is null). Exceptions of the
     * reader are rethrown here once the events before them are detected.
     */
    public static void run(Consumer<Consumer<LogEvent>> reader, Detector detector, ExecutorService pool, int helpers,
                           Consumer<Alert> alerts) {
        BlockingQueue<List<LogEvent>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            AtomicReference<List<LogEvent>> batch = new AtomicReference<>(new ArrayList<>(BATCH));
            try {
                reader.accept(event -> {
                    batch.get().add(event);
                    if (batch.get().size() == BATCH) {
                        put(queue, batch.getAndSet(new ArrayList<>(BATCH)));
                    }
                });
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                // The events read before a failure are detected too.
                if (!batch.get().isEmpty()) {
                    put(queue, batch.get());
                }
                put(queue, END);
            }
        }, "bulwark-detect-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                List<LogEvent> batch = queue.take();
                if (batch == END) {
                    break;
                }
                detector.accept(batch, pool, helpers).forEach(alerts);
            }
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("detection interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void put(BlockingQueue<List<LogEvent>> queue, List<LogEvent> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading interrupted", e);
        }
    }
}
