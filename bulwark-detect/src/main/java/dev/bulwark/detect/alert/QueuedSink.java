package dev.bulwark.detect.alert;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The queue and worker thread every sink shares: a bounded queue (a full queue drops the new
 * alert and counts it, so memory stays bounded whatever the endpoint does), one daemon thread
 * that sends alerts in order, and retries with exponential backoff for failures the subclass
 * calls transient. Subclasses only say how to send one alert.
 */
abstract class QueuedSink implements AlertSink {
    /** How a send ended. */
    enum Outcome { DELIVERED, RETRY, FAILED }

    private static final Alert STOP = null;

    private final BlockingQueue<Alert> queue;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration closeTimeout;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");
    private final Thread worker;
    private volatile boolean closing;

    QueuedSink(String threadName, int capacity, int attempts, Duration firstBackoff, Duration closeTimeout) {
        if (capacity < 1 || attempts < 1) {
            throw new IllegalArgumentException("capacity and attempts must be at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.closeTimeout = closeTimeout;
        this.worker = new Thread(this::run, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Sends one alert; {@code lastError} receives the reason of a failure. */
    abstract Outcome send(Alert alert, AtomicReference<String> lastError);

    @Override
    public final void deliver(Alert alert) {
        if (closing || !queue.offer(alert)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public final Stats stats() {
        return new Stats(delivered.get(), failed.get(), dropped.get(), lastError.get());
    }

    @Override
    public final void close() {
        closing = true;
        try {
            worker.join(closeTimeout.toMillis());
            if (worker.isAlive()) {
                // A send that hangs past the timeout: cut it short.
                worker.interrupt();
                worker.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What the worker could not send in time is dropped, and counted.
        dropped.addAndGet(queue.size());
        queue.clear();
    }

    private void run() {
        while (true) {
            Alert alert;
            try {
                alert = closing ? queue.poll() : queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (alert == STOP) {
                if (closing) {
                    return;
                }
                continue;
            }
            attempt(alert);
        }
    }

    private void attempt(Alert alert) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Outcome outcome;
            try {
                outcome = send(alert, lastError);
            } catch (RuntimeException e) {
                lastError.set(e.toString());
                outcome = Outcome.FAILED;
            }
            if (outcome == Outcome.DELIVERED) {
                delivered.incrementAndGet();
                return;
            }
            if (outcome == Outcome.FAILED || attempt == attempts || closing) {
                break;
            }
            if (!pause(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, 30_000);
        }
        failed.incrementAndGet();
    }

    /** Waits {@code millis}, in steps, giving up when the sink closes; false when it gave up. */
    private boolean pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (closing) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
