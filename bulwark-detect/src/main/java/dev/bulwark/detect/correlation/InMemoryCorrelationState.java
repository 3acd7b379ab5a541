package dev.bulwark.detect.correlation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@link CorrelationState} on the heap: an insertion-ordered hash map per rule, where putting a
 * group again moves it to the end. Its size is bounded by the engine (groups are pruned when their
 * window has passed, and capped per rule). Not thread-safe, like the engine that owns it.
 */
public final class InMemoryCorrelationState implements CorrelationState {
    private final List<LinkedHashMap<List<String>, Group>> rules = new ArrayList<>();

    private LinkedHashMap<List<String>, Group> groups(int rule) {
        while (rules.size() <= rule) {
            rules.add(new LinkedHashMap<>());
        }
        return rules.get(rule);
    }

    @Override
    public Group get(int rule, List<String> key) {
        return rule < rules.size() ? rules.get(rule).get(key) : null;
    }

    @Override
    public void put(int rule, Group group) {
        LinkedHashMap<List<String>, Group> groups = groups(rule);
        groups.remove(group.key());
        groups.put(group.key(), group);
    }

    @Override
    public void remove(int rule, List<String> key) {
        if (rule < rules.size()) {
            rules.get(rule).remove(key);
        }
    }

    @Override
    public Group oldest(int rule) {
        if (rule >= rules.size()) {
            return null;
        }
        Iterator<Group> iterator = rules.get(rule).values().iterator();
        return iterator.hasNext() ? iterator.next() : null;
    }

    @Override
    public int size(int rule) {
        return rule < rules.size() ? rules.get(rule).size() : 0;
    }
}
