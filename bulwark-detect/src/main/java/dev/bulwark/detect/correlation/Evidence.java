package dev.bulwark.detect.correlation;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events an alert shows, at most {@link Alert#MAX_EVIDENCE} (or fewer, as configured): either the latest ones (sliding
 * windows: the events that led up to the alert) or the first ones (windows decided when they
 * close), each with the time it counted at.
 */
final class Evidence implements Serializable {
    private static final long serialVersionUID = 1;
    private final boolean latest;
    private final LogEvent[] events;
    private final long[] times;
    private int head;
    private int size;

    /** @param capacity from 1 to {@link Alert#MAX_EVIDENCE} */
    Evidence(boolean latest, int capacity) {
        this.latest = latest;
        this.events = new LogEvent[capacity];
        this.times = new long[capacity];
    }

    void add(LogEvent event, long time) {
        if (size < events.length) {
            int at = (head + size) % events.length;
            events[at] = event;
            times[at] = time;
            size++;
        } else if (latest) {
            events[head] = event;
            times[head] = time;
            head = (head + 1) % events.length;
        }
    }

    void addAll(List<LogEvent> more, long time) {
        for (LogEvent event : more) {
            add(event, time);
        }
    }

    /** The events counted at or after {@code start}, oldest first. */
    List<LogEvent> since(long start) {
        List<LogEvent> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int at = (head + i) % events.length;
            if (times[at] >= start) {
                result.add(events[at]);
            }
        }
        return result;
    }

    void clear() {
        Arrays.fill(events, null);
        head = 0;
        size = 0;
    }
}
