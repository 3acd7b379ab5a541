package dev.bulwark.detect.correlation;

import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correlations that loaded, resolved against the rule set, in dependency order (a correlation
 * comes after every correlation it references), and why the others did not load.
 *
 * <p>Which rules alert on their own: the specification says the rules a correlation refers to are
 * building blocks, generated on their own only when the correlation says {@code generate: true}.
 * So a detection rule or correlation referenced by some correlation alerts alone only when at
 * least one correlation referencing it has {@code generate: true}; every other rule alerts alone.
 * Immutable and thread-safe.
 */
public final class CorrelationSet {
    private final List<SigmaRule> rules;
    private final List<CorrelationRule> correlations;
    private final Map<CorrelationRule, List<Object>> targets;
    private final List<SigmaProblem> problems;
    private final Set<String> silentRules = new HashSet<>();
    private final Set<CorrelationRule> silentCorrelations = Collections.newSetFromMap(new IdentityHashMap<>());

    CorrelationSet(List<SigmaRule> rules, List<CorrelationRule> correlations, Map<CorrelationRule, List<Object>> targets,
                   List<SigmaProblem> problems) {
        this.rules = List.copyOf(rules);
        this.targets = new IdentityHashMap<>(targets);
        this.correlations = List.copyOf(dependencyOrder(correlations, this.targets));
        List<SigmaProblem> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        this.problems = List.copyOf(sorted);
        Set<String> generated = new HashSet<>();
        Set<CorrelationRule> generatedCorrelations = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CorrelationRule correlation : this.correlations) {
            for (Object target : this.targets.get(correlation)) {
                if (target instanceof SigmaRule rule) {
                    (correlation.generate() ? generated : silentRules).add(rule.reference());
                } else if (target instanceof CorrelationRule inner) {
                    (correlation.generate() ? generatedCorrelations : silentCorrelations).add(inner);
                }
            }
        }
        silentRules.removeAll(generated);
        silentCorrelations.removeAll(generatedCorrelations);
    }

    /** An empty set: no correlations, every rule alerts alone. */
    public static CorrelationSet empty(List<SigmaRule> rules) {
        return new CorrelationSet(rules, List.of(), Map.of(), List.of());
    }

    private static List<CorrelationRule> dependencyOrder(List<CorrelationRule> correlations, Map<CorrelationRule, List<Object>> targets) {
        Map<CorrelationRule, Boolean> placed = new IdentityHashMap<>();
        List<CorrelationRule> ordered = new ArrayList<>();
        for (CorrelationRule correlation : correlations) {
            place(correlation, targets, placed, ordered);
        }
        return ordered;
    }

    private static void place(CorrelationRule correlation, Map<CorrelationRule, List<Object>> targets, Map<CorrelationRule, Boolean> placed,
                              List<CorrelationRule> ordered) {
        if (placed.containsKey(correlation)) {
            return;
        }
        placed.put(correlation, Boolean.TRUE);
        for (Object target : targets.get(correlation)) {
            if (target instanceof CorrelationRule inner) {
                place(inner, targets, placed, ordered);
            }
        }
        ordered.add(correlation);
    }

    /** The detection rules the set was resolved against. */
    public List<SigmaRule> rules() {
        return rules;
    }

    /** The correlations that loaded, each after the correlations it references. */
    public List<CorrelationRule> correlations() {
        return correlations;
    }

    /** Why correlations did not load, sorted by location. */
    public List<SigmaProblem> problems() {
        return problems;
    }

    /**
     * What {@code correlation}'s references resolved to, in its order: a {@link SigmaRule} or a
     * {@link CorrelationRule} each.
     *
     * @throws IllegalArgumentException when the correlation is not one of this set
     */
    public List<Object> targets(CorrelationRule correlation) {
        List<Object> resolved = targets.get(correlation);
        if (resolved == null) {
            throw new IllegalArgumentException("correlation '" + correlation.title() + "' is not part of this set");
        }
        return Collections.unmodifiableList(resolved);
    }

    /** Whether a match of {@code rule} should be an alert of its own (see the class comment). */
    public boolean alertsAlone(SigmaRule rule) {
        return !silentRules.contains(rule.reference());
    }

    /** Whether {@code correlation}'s results are alerts, not only input to the correlations that reference it. */
    public boolean alertsAlone(CorrelationRule correlation) {
        return !silentCorrelations.contains(correlation);
    }

}
