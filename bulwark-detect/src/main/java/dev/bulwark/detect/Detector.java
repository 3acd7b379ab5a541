package dev.bulwark.detect;

import dev.bulwark.core.Severity;
import dev.bulwark.core.findings.Fingerprints;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.alert.Playbook;
import dev.bulwark.detect.correlation.CorrelationEngine;
import dev.bulwark.detect.correlation.CorrelationLoader;
import dev.bulwark.detect.correlation.CorrelationSet;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.sigma.Match;
import dev.bulwark.detect.sigma.SigmaEngine;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.sigma.SigmaRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Detection over a stream of events: the Sigma engine compiled from a {@link RulePack}, its
 * matches made {@link Alert}s (for the rules that alert on their own: not the building blocks of a
 * correlation, unless it says {@code generate: true}) and fed to the correlation engine, whose
 * alerts follow. No I/O and no global state; one instance per stream, fed in event order, and
 * {@link #flush()} at the end of input (it closes the open correlation windows).
 */
public final class Detector {
    /** How late an event may arrive and still count in its correlation window, unless told otherwise. */
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(1);

    private final SigmaEngine engine;
    private final CorrelationSet correlations;
    private final CorrelationEngine correlator;
    private final List<SigmaProblem> problems;
    private final Novelty novelty = new Novelty();
    private final Set<String> broken = new HashSet<>();
    private final Map<SigmaRule, Meta> metadata = new IdentityHashMap<>();
    private long events;
    private long matches;

    private Detector(SigmaEngine engine, CorrelationSet correlations, CorrelationEngine correlator, List<SigmaProblem> problems) {
        this.engine = engine;
        this.correlations = correlations;
        this.correlator = correlator;
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

    /** The detector of {@code pack} with default settings. */
    public static Detector of(RulePack pack) {
        return of(pack, SigmaOptions.defaults(), DEFAULT_LATENESS);
    }

    /**
     * The detector of {@code pack}; {@code options} are those the rules were loaded with (the
     * correlations read group-by fields through the same field mapping), {@code lateness} how late
     * an event may come for correlations. Problems of the pack, of building the engine and of the
     * correlations are kept for the caller to report.
     */
    public static Detector of(RulePack pack, SigmaOptions options, Duration lateness) {
        SigmaEngine.Build build = SigmaEngine.build(pack.rules(), pack.filters());
        CorrelationSet set = CorrelationLoader.resolve(build.engine().rules(), pack.correlations());
        CorrelationEngine correlator = CorrelationEngine.builder(set).fieldMapping(options.fieldMapping()).allowedLateness(lateness).build();
        List<SigmaProblem> all = new ArrayList<>(pack.problems());
        all.addAll(build.problems());
        all.addAll(set.problems());
        return new Detector(build.engine(), set, correlator, all);
    }

    /** The correlations that loaded. */
    public CorrelationSet correlations() {
        return correlations;
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
        return process(event, engine.evaluate(event));
    }

    /**
     * The alerts of a batch of events, in event order: the Sigma engine runs on {@code pool}'s
     * threads (it is thread-safe), what keeps state (first-seen values, correlations) then runs
     * on the caller's thread in order. Gives what {@link #accept} would, event by event.
     */
    public List<Alert> accept(List<LogEvent> batch, ExecutorService pool) {
        return accept(batch, pool, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * The same with {@code helpers} threads of {@code pool} (null or 0: none) evaluating slices of
     * the batch beside the calling thread, which takes the first slice itself.
     */
    public List<Alert> accept(List<LogEvent> batch, ExecutorService pool, int helpers) {
        int slices = pool == null ? 1 : Math.max(1, Math.min(batch.size() / 256, helpers + 1));
        List<List<Match>> found = new ArrayList<>(Collections.nCopies(batch.size(), List.<Match>of()));
        int slice = (batch.size() + slices - 1) / Math.max(1, slices);
        List<Future<?>> parts = new ArrayList<>(slices);
        for (int t = 1; t < slices; t++) {
            int from = t * slice;
            int to = Math.min(batch.size(), from + slice);
            parts.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    found.set(i, engine.evaluate(batch.get(i)));
                }
            }));
        }
        for (int i = 0; i < Math.min(batch.size(), slice); i++) {
            found.set(i, engine.evaluate(batch.get(i)));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("detection interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            alerts.addAll(process(batch.get(i), found.get(i)));
        }
        return alerts;
    }

    private List<Alert> process(LogEvent event, List<Match> found) {
        events++;
        if (found.isEmpty()) {
            if (!correlations.correlations().isEmpty() && event.time().isPresent()) {
                // Time moved on: windows that end before it can close.
                List<Alert> closed = new ArrayList<>(0);
                correlator.advance(event.time().get(), closed::add);
                return closed;
            }
            return List.of();
        }
        matches += found.size();
        List<Alert> alerts = new ArrayList<>(found.size());
        for (Match match : found) {
            String rule = match.rule().reference();
            if (!correlations.alertsAlone(match.rule())) {
                continue;
            }
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
        if (!correlations.correlations().isEmpty()) {
            correlator.accept(found, alerts::add);
        }
        return alerts;
    }

    /** Alerts that only the end of input decides: the correlation windows still open. */
    public List<Alert> flush() {
        List<Alert> alerts = new ArrayList<>();
        correlator.flush(alerts::add);
        return alerts;
    }

    public long events() {
        return events;
    }

    public long matches() {
        return matches;
    }

    private Alert newValue(Match match, Map<String, String> group) {
        SigmaRule rule = match.rule();
        Alert single = alert(match);
        StringBuilder key = new StringBuilder();
        group.forEach((field, value) -> key.append(field).append('=').append(value).append('\u0000'));
        return new Alert(single.ruleId(), single.title(), single.severity(), single.tags(), single.description(), single.time(),
                Optional.empty(), group, single.events(), 1, Optional.of("new_value"), single.playbook(),
                Fingerprints.of(rule.reference(), "", "new_value", key.toString()));
    }

    private Alert alert(Match match) {
        SigmaRule rule = match.rule();
        Meta meta = metadata.computeIfAbsent(rule, Meta::of);
        return Alert.single(rule.reference(), rule.title(), meta.severity(), rule.tags(), rule.description().orElse(""), match.event(),
                meta.playbook());
    }

    /** What every alert of a rule shares, read from the rule once rather than per alert. */
    private record Meta(Severity severity, Optional<Playbook> playbook) {
        static Meta of(SigmaRule rule) {
            return new Meta(Alert.severityOf(rule.level().orElse("medium")), Playbook.of(rule.custom().get("response")));
        }
    }
}
