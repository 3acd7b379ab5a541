package dev.bulwark.detect.correlation;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The events an alert shows, at most {@link Alert#MAX_EVIDENCE}: either the latest ones (sliding
 * windows: the events that led up to the alert) or the first ones (windows decided when they
 * close), each with the time it counted at.
 */
final class Evidence implements Serializable {
    private static final long serialVersionUID = 1;
    private static final int CAPACITY = Alert.MAX_EVIDENCE;
    private final boolean latest;
    private final LogEvent[] events = new LogEvent[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private int head;
    private int size;

    Evidence(boolean latest) {
        this.latest = latest;
    }

    void add(LogEvent event, long time) {
        if (size < CAPACITY) {
            int at = (head + size) % CAPACITY;
            events[at] = event;
            times[at] = time;
            size++;
        } else if (latest) {
            events[head] = event;
            times[head] = time;
            head = (head + 1) % CAPACITY;
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
            int at = (head + i) % CAPACITY;
            if (times[at] >= start) {
                result.add(events[at]);
            }
        }
        return result;
    }

    void clear() {
        for (int i = 0; i < CAPACITY; i++) {
            events[i] = null;
        }
        head = 0;
        size = 0;
    }
}
