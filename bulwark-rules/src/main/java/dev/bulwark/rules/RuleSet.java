package dev.bulwark.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** An immutable, id-sorted set of compiled rules with a per-kind lookup. Thread-safe. */
public final class RuleSet {
    private final List<Rule> rules;
    private final Map<String, List<Rule>> byTargetAndKind = new ConcurrentHashMap<>();

    public RuleSet(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::id));
        this.rules = List.copyOf(sorted);
    }

    public List<Rule> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    /** The rules that apply to a resource of {@code kind} in {@code target}. */
    public List<Rule> forResource(String target, String kind) {
        return byTargetAndKind.computeIfAbsent(target + "\u0000" + kind,
                key -> rules.stream().filter(rule -> rule.appliesTo(target, kind)).toList());
    }

    public RuleSet filter(Predicate<Rule> keep) {
        return new RuleSet(rules.stream().filter(keep).toList());
    }
}
