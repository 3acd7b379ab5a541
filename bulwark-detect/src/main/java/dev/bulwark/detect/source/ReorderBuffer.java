package dev.bulwark.detect.source;

import static java.util.Objects.requireNonNull;

import dev.bulwark.detect.event.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts events that arrive slightly out of order back in time order, within a window: readers
 * deliver events as the logs hold them, and CloudTrail delivers files per region and per
 * five-minute batch, so time order across files is only approximate. Correlations need order.
 *
 * <p>The watermark is the latest event time seen. An event is held until the watermark passes
 * its time by {@code window}, then released to {@code inOrder}; released times never go
 * backwards. An event older than what may still be released in order (older than the watermark
 * minus the window, or than the last event released) is late: it goes to {@code late} at once.
 * An event without a time cannot be ordered and goes to {@code inOrder} at once. Events of equal
 * time keep their arrival order.
 *
 * <p>Memory is bounded: when {@code maxHeld} events are held, the oldest is released early (and
 * events older than it arriving afterwards are late). {@link #flush()} releases everything held,
 * at the end of input. Not thread-safe: feed it from one thread.
 */
public final class ReorderBuffer implements Consumer<LogEvent> {
    private final Duration window;
    private final int maxHeld;
    private final Consumer<LogEvent> inOrder;
    private final Consumer<LogEvent> late;
    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private long sequence;
    private Instant watermark;
    private Instant released;

    /** @throws IllegalArgumentException when {@code window} is negative or {@code maxHeld} is not positive */
    public ReorderBuffer(Duration window, int maxHeld, Consumer<LogEvent> inOrder, Consumer<LogEvent> late) {
        this.window = requireNonNull(window, "window is null");
        this.inOrder = requireNonNull(inOrder, "inOrder is null");
        this.late = requireNonNull(late, "late is null");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be positive: " + maxHeld);
        }
        this.maxHeld = maxHeld;
    }

    @Override
    public void accept(LogEvent event) {
        if (event.time().isEmpty()) {
            inOrder.accept(event);
            return;
        }
        Instant time = event.time().get();
        if (isLate(time)) {
            late.accept(event);
            return;
        }
        held.add(new Held(time, sequence++, event));
        if (watermark == null || time.isAfter(watermark)) {
            watermark = time;
        }
        Instant releaseUpTo = watermark.minus(window);
        while (!held.isEmpty() && (held.size() > maxHeld || !held.peek().time.isAfter(releaseUpTo))) {
            release(held.poll());
        }
    }

    /** Releases every held event in time order; the watermark stays, so older events are still late afterwards. */
    public void flush() {
        while (!held.isEmpty()) {
            release(held.poll());
        }
    }

    /** Events held now. */
    public int held() {
        return held.size();
    }

    /** The latest event time seen, if any. */
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    private boolean isLate(Instant time) {
        if (released != null && time.isBefore(released)) {
            return true;
        }
        return watermark != null && time.isBefore(watermark.minus(window));
    }

    private void release(Held next) {
        released = next.time;
        inOrder.accept(next.event);
    }

    private record Held(Instant time, long sequence, LogEvent event) implements Comparable<Held> {
        @Override
        public int compareTo(Held other) {
            int byTime = time.compareTo(other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
