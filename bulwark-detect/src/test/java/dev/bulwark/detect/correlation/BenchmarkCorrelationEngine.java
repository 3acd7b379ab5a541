package dev.bulwark.detect.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.Match;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of an {@code event_count} correlation over prebuilt matches (the Sigma engine is
 * not measured), printed, never asserted. JMH is not available to this build yet, so this runs as
 * an opt-in test:
 *
 * <pre>{@code ./mvnw -B -o test -pl bulwark-detect -Dtest=BenchmarkCorrelationEngine -Dbulwark.bench=true}</pre>
 *
 * Parameters: {@code -Dbulwark.bench.inputs=1000000} matches, {@code -Dbulwark.bench.groups=500}
 * source addresses, {@code -Dbulwark.bench.lateness=PT0S} allowed lateness. Inputs are one
 * millisecond apart, so event time moves on every input.
 */
class BenchmarkCorrelationEngine {
    @Test
    @EnabledIfSystemProperty(named = "bulwark.bench", matches = "true")
    void eventCountThroughput() throws IOException {
        int inputs = Integer.getInteger("bulwark.bench.inputs", 1_000_000);
        int groups = Integer.getInteger("bulwark.bench.groups", 500);
        Duration lateness = Duration.parse(System.getProperty("bulwark.bench.lateness", "PT0S"));
        SigmaLoader.Result load = new SigmaLoader(SigmaOptions.defaults()).load("""
                title: Access denied
                name: access_denied
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {errorCode: AccessDenied}
                  condition: selection
                ---
                title: Burst of denied calls
                id: burst
                correlation:
                  type: event_count
                  rules: [access_denied]
                  group-by: [sourceIPAddress]
                  timespan: 5m
                  condition: {gte: 1000}
                """, "benchmark.yml");
        CorrelationSet set = CorrelationLoader.resolve(List.of(load));
        SigmaRule rule = set.rules().get(0);
        ObjectMapper json = new ObjectMapper();
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        Match[] matches = new Match[inputs];
        for (int i = 0; i < inputs; i++) {
            LogEvent event = new LogEvent(json.readTree("{\"eventName\": \"ListBuckets\", \"errorCode\": \"AccessDenied\", "
                    + "\"sourceIPAddress\": \"192.0.2." + (i % groups) + "\"}"), LogSource.CLOUDTRAIL, Optional.of(start.plusMillis(i)), "bench", i);
            matches[i] = new Match(rule, event);
        }
        long[] alerts = new long[1];
        for (int round = 1; round <= 5; round++) {
            CorrelationEngine engine = CorrelationEngine.builder(set).allowedLateness(lateness).build();
            long began = System.nanoTime();
            for (Match match : matches) {
                engine.accept(match, alert -> alerts[0]++);
            }
            engine.flush(alert -> alerts[0]++);
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,.0f inputs/s (%d groups, lateness %s, %d alerts so far)%n",
                    round, inputs / seconds, groups, lateness, alerts[0]);
        }
    }
}
