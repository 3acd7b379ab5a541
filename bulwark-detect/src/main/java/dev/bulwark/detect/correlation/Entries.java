package dev.bulwark.detect.correlation;

import java.io.Serializable;

/**
 * The inputs of a sliding window in time order, as parallel primitive arrays (no object per
 * input): time, how many inputs and events the entry stands for, and the sum of their values.
 * When {@code cap} entries are held, the two oldest merge into one at the later time, so memory
 * stays bounded; a merged input then stays in the window a little longer than its own time says.
 */
final class Entries implements Serializable {
    private static final long serialVersionUID = 1;
    private long[] times = new long[4];
    private long[] inputs = new long[4];
    private long[] events = new long[4];
    private double[] values = new double[4];
    private int head;
    private int size;
    private long totalInputs;
    private long totalEvents;
    private double totalValue;

    void add(long time, long eventCount, double value, int cap) {
        if (size == cap && size >= 2) {
            int oldest = head;
            int next = index(1);
            inputs[next] += inputs[oldest];
            events[next] += events[oldest];
            values[next] += values[oldest];
            head = index(1);
            size--;
        } else if (size == times.length) {
            grow();
        }
        int at = index(size);
        times[at] = time;
        inputs[at] = 1;
        events[at] = eventCount;
        values[at] = value;
        size++;
        totalInputs++;
        totalEvents += eventCount;
        totalValue += value;
    }

    /** Drops the entries older than {@code start}. */
    void dropBefore(long start) {
        while (size > 0 && times[head] < start) {
            totalInputs -= inputs[head];
            totalEvents -= events[head];
            totalValue -= values[head];
            head = index(1);
            size--;
        }
        if (size == 0) {
            clear();
        }
    }

    long firstTime() {
        return times[head];
    }

    boolean isEmpty() {
        return size == 0;
    }

    long inputs() {
        return totalInputs;
    }

    long events() {
        return totalEvents;
    }

    double value() {
        return totalValue;
    }

    void clear() {
        head = 0;
        size = 0;
        totalInputs = 0;
        totalEvents = 0;
        totalValue = 0;
    }

    private int index(int offset) {
        int at = head + offset;
        return at >= times.length ? at - times.length : at;
    }

    private void grow() {
        int length = times.length * 2;
        long[] newTimes = new long[length];
        long[] newInputs = new long[length];
        long[] newEvents = new long[length];
        double[] newValues = new double[length];
        for (int i = 0; i < size; i++) {
            int from = index(i);
            newTimes[i] = times[from];
            newInputs[i] = inputs[from];
            newEvents[i] = events[from];
            newValues[i] = values[from];
        }
        times = newTimes;
        inputs = newInputs;
        events = newEvents;
        values = newValues;
        head = 0;
    }
}
