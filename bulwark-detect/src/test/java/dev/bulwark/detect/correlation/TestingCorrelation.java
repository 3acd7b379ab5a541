package dev.bulwark.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaEngine;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Test helpers: rule files from the test resources, events with times, and the detection pipeline up to correlation alerts. */
final class TestingCorrelation {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static long line;

    private TestingCorrelation() {}

    static String resource(String name) {
        try (InputStream in = TestingCorrelation.class.getResourceAsStream("/correlation/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource correlation/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SigmaLoader.Result> loads(String... names) {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        List<SigmaLoader.Result> loads = new ArrayList<>();
        for (String name : names) {
            loads.add(loader.load(resource(name), name));
        }
        return loads;
    }

    /** Loads resource files and asserts that every rule and correlation loads. */
    static CorrelationSet loadClean(String... names) {
        List<SigmaLoader.Result> loads = loads(names);
        for (SigmaLoader.Result load : loads) {
            assertThat(load.problems()).isEmpty();
        }
        CorrelationSet set = CorrelationLoader.resolve(loads);
        assertThat(set.problems()).isEmpty();
        return set;
    }

    static LogEvent event(LogSource source, Duration after, String json) {
        return event(source, Optional.of(T0.plus(after)), json);
    }

    static LogEvent event(LogSource source, Optional<Instant> time, String json) {
        try {
            return new LogEvent(JSON.readTree(json), source, time, "events.jsonl", ++line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LogEvent cloudtrail(Duration after, String json) {
        return event(LogSource.CLOUDTRAIL, after, json);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** Sigma engine then correlation engine, collecting the correlation alerts. */
    static final class Pipeline {
        final CorrelationSet set;
        final SigmaEngine sigma;
        final CorrelationEngine engine;
        final List<Alert> alerts = new ArrayList<>();

        Pipeline(CorrelationSet set, UnaryOperator<CorrelationEngine.Builder> settings) {
            this.set = set;
            SigmaEngine.Build build = SigmaEngine.build(set.rules(), List.of());
            assertThat(build.problems()).isEmpty();
            this.sigma = build.engine();
            this.engine = settings.apply(CorrelationEngine.builder(set)).build();
        }

        Pipeline(CorrelationSet set) {
            this(set, builder -> builder);
        }

        Pipeline feed(LogEvent... events) {
            for (LogEvent event : events) {
                engine.accept(sigma.evaluate(event), alerts::add);
            }
            return this;
        }

        Pipeline flush() {
            engine.flush(alerts::add);
            return this;
        }

        List<Alert> alerts(String ruleId) {
            return alerts.stream().filter(alert -> alert.ruleId().equals(ruleId)).toList();
        }
    }
}
