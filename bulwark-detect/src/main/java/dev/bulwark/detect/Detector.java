package dev.bulwark.detect;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.alert.Playbook;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.sigma.Match;
import dev.bulwark.detect.sigma.SigmaEngine;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection over a stream of events: the Sigma engine compiled from a {@link RulePack}, each
 * match made an {@link Alert}. No I/O and no global state; one instance per stream, fed in event
 * order, and {@link #flush()} at the end of input.
 */
public final class Detector {
    private final SigmaEngine engine;
    private final List<SigmaProblem> problems;
    private final Novelty novelty = new Novelty();
    private final java.util.Set<String> broken = new java.util.HashSet<>();
    private long events;
    private long matches;

    private Detector(SigmaEngine engine, List<SigmaProblem> problems) {
        this.engine = engine;
        List<SigmaProblem> all = new ArrayList<>(problems);
        for (SigmaRule rule : engine.rules()) {
            try {
                Novelty.spec(rule).ifPresent(spec -> novelty.add(rule.reference(), spec));
            } catch (IllegalArgumentException e) {
                broken.add(rule.reference());
                all.add(new SigmaProblem(rule.location(), e.getMessage()));
            }
        }
        this.problems = List.copyOf(all);
    }

    /** The detector of {@code pack}; problems of the pack and of building the engine are kept for the caller to report. */
    public static Detector of(RulePack pack) {
        SigmaEngine.Build build = SigmaEngine.build(pack.rules(), pack.filters());
        List<SigmaProblem> all = new ArrayList<>(pack.problems());
        all.addAll(build.problems());
        return new Detector(build.engine(), all);
    }

    public List<SigmaProblem> problems() {
        return problems;
    }

    public List<SigmaRule> rules() {
        return engine.rules();
    }

    /** The compiled rules; thread-safe, so several threads can evaluate events against it at once. */
    public SigmaEngine engine() {
        return engine;
    }

    /** The alerts {@code event} raises. */
    public List<Alert> accept(LogEvent event) {
        events++;
        List<Match> found = engine.evaluate(event);
        if (found.isEmpty()) {
            return List.of();
        }
        matches += found.size();
        List<Alert> alerts = new ArrayList<>(found.size());
        for (Match match : found) {
            String rule = match.rule().reference();
            if (broken.contains(rule)) {
                continue;
            }
            if (novelty.governs(rule)) {
                if (novelty.isNew(rule, event)) {
                    alerts.add(newValue(match, novelty.group(rule, event)));
                }
                continue;
            }
            alerts.add(alert(match));
        }
        return alerts;
    }

    /** Alerts that only the end of input decides; none until correlations are added. */
    public List<Alert> flush() {
        return List.of();
    }

    public long events() {
        return events;
    }

    public long matches() {
        return matches;
    }

    private static Alert newValue(Match match, java.util.Map<String, String> group) {
        SigmaRule rule = match.rule();
        Alert single = alert(match);
        StringBuilder key = new StringBuilder();
        group.forEach((field, value) -> key.append(field).append('=').append(value).append('\u0000'));
        return new Alert(single.ruleId(), single.title(), single.severity(), single.tags(), single.description(), single.time(),
                java.util.Optional.empty(), group, single.events(), 1, java.util.Optional.of("new_value"), single.playbook(),
                dev.bulwark.core.findings.Fingerprints.of(rule.reference(), "", "new_value", key.toString()));
    }

    static Alert alert(Match match) {
        SigmaRule rule = match.rule();
        return Alert.single(rule.reference(), rule.title(), Alert.severityOf(rule.level().orElse("medium")), rule.tags(),
                rule.description().orElse(""), match.event(), Playbook.of(rule.custom().get("response")));
    }
}
