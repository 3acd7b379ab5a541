package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.detect.event.LogEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluates compiled Sigma rules against events: {@link #evaluate} returns the rules that match
 * one event, in rule order. A rule sees only events whose {@link dev.bulwark.detect.event.LogSource}
 * its own covers.
 *
 * <p>Design: testing every rule against every event wastes most of the work, since most rules
 * require a field to hold one of a few literal values ({@code eventName: CreateUser}). Each rule's
 * condition yields such requirements (see {@link Requirement}); the rule is filed in an index under
 * one required field, the one most rules share, so an event needs one lookup per indexed field.
 * Rules without a requirement are checked for every event. The index is built once and never
 * changes: the engine has no mutable state and does no I/O, so one instance serves any number of
 * threads (and can run inside a stream operator as is).
 */
public final class SigmaEngine {
    private final List<SigmaRule> rules;
    private final List<IndexedField> indexed;
    private final int[] alwaysChecked;

    /** One field the index looks at, and for each key the rules (by position) requiring it. */
    private record IndexedField(FieldAccessor accessor, Map<String, int[]> rulesByKey) {}

    /** The engine and the problems found when filters were applied (a filter naming no loaded rule). */
    public record Build(SigmaEngine engine, List<SigmaProblem> problems) {
        public Build {
            requireNonNull(engine, "engine is null");
            List<SigmaProblem> sorted = new ArrayList<>(problems);
            Collections.sort(sorted);
            problems = List.copyOf(sorted);
        }
    }

    /** The matches of one event and how many rules' detections were evaluated for it. */
    public record Evaluation(List<Match> matches, int rulesEvaluated) {
        public Evaluation {
            matches = List.copyOf(matches);
        }
    }

    private SigmaEngine(List<SigmaRule> rules) {
        this.rules = List.copyOf(rules);
        List<Requirement> requirements = new ArrayList<>();
        Map<String, Integer> popularity = new HashMap<>();
        for (SigmaRule rule : this.rules) {
            Requirement requirement = rule.detection().requirement();
            requirements.add(requirement);
            for (String field : requirement.buckets().keySet()) {
                popularity.merge(field, 1, Integer::sum);
            }
        }
        Map<String, FieldAccessor> accessors = new TreeMap<>();
        Map<String, Map<String, List<Integer>>> index = new TreeMap<>();
        List<Integer> always = new ArrayList<>();
        for (int position = 0; position < this.rules.size(); position++) {
            Requirement.Bucket chosen = choose(requirements.get(position), popularity);
            if (chosen == null) {
                always.add(position);
                continue;
            }
            accessors.putIfAbsent(chosen.accessor().key(), chosen.accessor());
            Map<String, List<Integer>> byKey = index.computeIfAbsent(chosen.accessor().key(), key -> new HashMap<>());
            for (String key : chosen.keys()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
            }
        }
        List<IndexedField> fields = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Integer>>> entry : index.entrySet()) {
            Map<String, int[]> byKey = new HashMap<>();
            entry.getValue().forEach((key, positions) -> byKey.put(key, positions.stream().mapToInt(Integer::intValue).toArray()));
            fields.add(new IndexedField(accessors.get(entry.getKey()), Map.copyOf(byKey)));
        }
        this.indexed = List.copyOf(fields);
        this.alwaysChecked = always.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The bucket of the most shared field; ties go to fewer keys, then to the field name. */
    private static Requirement.Bucket choose(Requirement requirement, Map<String, Integer> popularity) {
        Requirement.Bucket best = null;
        int bestPopularity = -1;
        for (Map.Entry<String, Requirement.Bucket> entry : requirement.buckets().entrySet()) {
            int shared = popularity.get(entry.getKey());
            Requirement.Bucket bucket = entry.getValue();
            if (shared > bestPopularity || (shared == bestPopularity && bucket.keys().size() < best.keys().size())) {
                best = bucket;
                bestPopularity = shared;
            }
        }
        return best;
    }

    /**
     * Builds an engine over {@code rules}, each filter ANDed to the rules it names. A filter that
     * names a rule not among {@code rules}, or one whose log source the filter's does not cover,
     * is a problem (the rule still runs, unfiltered for that filter). Rules with the same id or
     * name are a problem too; the first is kept. Filters name rules by id or name.
     */
    public static Build build(List<SigmaRule> rules, List<SigmaFilter> filters) {
        List<SigmaProblem> problems = new ArrayList<>();
        Map<String, Integer> byReference = new LinkedHashMap<>();
        Map<String, Integer> names = new HashMap<>();
        List<SigmaRule> kept = new ArrayList<>();
        for (SigmaRule rule : rules) {
            if (rule.id().isPresent() && byReference.containsKey(rule.id().get())) {
                problems.add(new SigmaProblem(rule.location(), "rule id " + rule.id().get() + " is already used by the rule at "
                        + kept.get(byReference.get(rule.id().get())).location()));
                continue;
            }
            if (rule.name().isPresent() && names.containsKey(rule.name().get())) {
                problems.add(new SigmaProblem(rule.location(), "rule name " + rule.name().get() + " is already used by the rule at "
                        + kept.get(names.get(rule.name().get())).location() + " (names are unique, like ids)"));
                continue;
            }
            rule.id().ifPresent(id -> byReference.put(id, kept.size()));
            rule.name().ifPresent(name -> names.put(name, kept.size()));
            kept.add(rule);
        }
        for (SigmaFilter filter : filters) {
            for (String reference : filter.rules()) {
                Integer position = byReference.containsKey(reference) ? byReference.get(reference) : names.get(reference);
                if (position == null) {
                    problems.add(new SigmaProblem(filter.location(), "filter '" + filter.title() + "' names rule '" + reference
                            + "', which is not loaded"));
                    continue;
                }
                SigmaRule rule = kept.get(position);
                if (!filter.logsource().covers(rule.logsource())) {
                    problems.add(new SigmaProblem(filter.location(), "filter '" + filter.title() + "' (logsource " + filter.logsource()
                            + ") does not cover the logsource " + rule.logsource() + " of rule '" + reference + "'"));
                    continue;
                }
                kept.set(position, rule.withDetection(rule.detection().and(filter.detection())));
            }
        }
        return new Build(new SigmaEngine(kept), problems);
    }

    /** The rules, filters applied, in the order given. */
    public List<SigmaRule> rules() {
        return rules;
    }

    /** The event fields the index looks up (as the rules read them after field mapping), sorted. */
    public Set<String> indexedFields() {
        Set<String> names = new TreeSet<>();
        for (IndexedField field : indexed) {
            names.add(String.join("|", field.accessor().eventFields()));
        }
        return Collections.unmodifiableSet(names);
    }

    /** The rules matching {@code event}, in rule order. */
    public List<Match> evaluate(LogEvent event) {
        List<Match> matches = new ArrayList<>(2);
        run(event, matches);
        return matches;
    }

    /** The matches and how many rule detections the index let through for {@code event}. */
    public Evaluation evaluateWithStatistics(LogEvent event) {
        List<Match> matches = new ArrayList<>(2);
        int evaluated = run(event, matches);
        return new Evaluation(matches, evaluated);
    }

    /** Adds the matches of {@code event} to {@code matches}; returns how many detections were evaluated. */
    private int run(LogEvent event, List<Match> matches) {
        requireNonNull(event, "event is null");
        boolean[] candidate = candidates(event);
        int evaluated = 0;
        for (int position = 0; position < candidate.length; position++) {
            if (!candidate[position]) {
                continue;
            }
            SigmaRule rule = rules.get(position);
            if (!rule.logsource().covers(event.source())) {
                continue;
            }
            evaluated++;
            if (rule.detection().matches(event)) {
                matches.add(new Match(rule, event));
            }
        }
        return evaluated;
    }

    private boolean[] candidates(LogEvent event) {
        boolean[] candidate = new boolean[rules.size()];
        for (int position : alwaysChecked) {
            candidate[position] = true;
        }
        for (int i = 0; i < indexed.size(); i++) {
            IndexedField field = indexed.get(i);
            mark(field.accessor().read(event), field.rulesByKey(), candidate);
        }
        return candidate;
    }

    private static void mark(JsonNode value, Map<String, int[]> rulesByKey, boolean[] candidate) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                mark(element, rulesByKey, candidate);
            }
            return;
        }
        String key = Scalars.key(value);
        if (key == null) {
            return;
        }
        int[] positions = rulesByKey.get(key);
        if (positions != null) {
            for (int position : positions) {
                candidate[position] = true;
            }
        }
    }
}
