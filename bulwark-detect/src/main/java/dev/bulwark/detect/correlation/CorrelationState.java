package dev.bulwark.detect.correlation;

import java.io.Serializable;
import java.util.List;

/**
 * Where a {@link CorrelationEngine} keeps its per-group state: one {@link Group} per correlation
 * rule (by its position in the engine, {@code 0..n-1}) and group (the group-by values in rule
 * order). {@link InMemoryCorrelationState} is the default; a stream job can back it with keyed
 * state instead.
 *
 * <p>Contract: {@link #put} makes the group the newest of its rule (also when it was there
 * already), and {@link #oldest} returns the group put longest ago; the engine relies on this order
 * to close and prune windows by event time without scanning every group. Groups are the engine's
 * mutable objects: an implementation stores them as given and never looks inside. One engine
 * uses a state from one thread at a time.
 */
public interface CorrelationState {
    /** One group's state, owned by the engine. */
    interface Group extends Serializable {
        /** The group-by values, in rule order. */
        List<String> key();

        /** The event time (epoch milliseconds) after which the group is closed or stale. */
        long deadline();
    }

    /** The group's state, or null when there is none. */
    Group get(int rule, List<String> key);

    /** Stores {@code group} under its key and makes it the newest group of {@code rule}. */
    void put(int rule, Group group);

    /** Forgets the group, if any. */
    void remove(int rule, List<String> key);

    /** The group of {@code rule} put longest ago, or null when the rule has none. */
    Group oldest(int rule);

    /** How many groups {@code rule} has. */
    int size(int rule);
}
