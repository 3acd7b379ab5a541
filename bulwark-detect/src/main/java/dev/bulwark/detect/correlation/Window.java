package dev.bulwark.detect.correlation;

import dev.bulwark.detect.event.LogEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One group's state for one correlation. Which parts are used depends on the rule (see
 * {@link CorrelationEngine}): sliding windows keep {@code entries} (and the distinct values, the
 * latest time of each referenced rule, or the partial sequences); windows decided at close keep
 * totals from {@code start} to {@code deadline}.
 */
final class Window implements CorrelationState.Group {
    private static final long serialVersionUID = 1;
    private static final long NEVER = Long.MIN_VALUE;

    final List<String> key;
    long deadline;
    final Evidence evidence;
    /** When the group was last put into the state (moved to the end of its rule's order). */
    long queuedAt;

    // sliding windows
    Entries entries;
    LinkedHashMap<String, Long> distinctSeen;
    long[] lastSeen;
    long[] chainStart;
    long[] chainEvents;
    List<List<LogEvent>> chainEvidence;

    // windows decided at close
    long start;
    long inputs;
    long events;
    double sum;
    long numbers;
    LinkedHashMap<String, Boolean> distinct;
    boolean distinctOverflow;
    double[] samples;
    int sampleCount;
    long sampled;
    boolean[] seen;

    Window(List<String> key, boolean slidingEvidence, int evidence) {
        this.key = key;
        this.evidence = new Evidence(slidingEvidence, evidence);
    }

    @Override
    public List<String> key() {
        return key;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    static long[] never(int length) {
        long[] times = new long[length];
        Arrays.fill(times, NEVER);
        return times;
    }

    static boolean isNever(long time) {
        return time == NEVER;
    }

    static List<List<LogEvent>> emptyChains(int length) {
        List<List<LogEvent>> chains = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            chains.add(List.of());
        }
        return chains;
    }
}
