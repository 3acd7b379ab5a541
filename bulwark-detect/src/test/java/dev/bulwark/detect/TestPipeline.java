package dev.bulwark.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline gives the alerts of event-by-event detection, in the same order, and passes reader failures on. */
class TestPipeline {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static List<LogEvent> events(int count) {
        List<LogEvent> events = new ArrayList<>();
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        String[] names = {"ListBuckets", "StopLogging", "ConsoleLogin", "ScheduleKeyDeletion", "GetObject"};
        for (int i = 0; i < count; i++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            String name = names[i % names.length];
            body.put("eventVersion", "1.09").put("eventName", name).put("eventTime", start.plusSeconds(i).toString());
            body.put("eventSource", name.equals("StopLogging") ? "cloudtrail.amazonaws.com" : name.equals("ScheduleKeyDeletion")
                    ? "kms.amazonaws.com" : "signin.amazonaws.com");
            body.put("sourceIPAddress", "192.0.2." + (i % 3));
            body.putObject("responseElements").put("ConsoleLogin", "Failure");
            body.putObject("userIdentity").put("type", i % 7 == 0 ? "Root" : "IAMUser").put("arn", "arn:aws:iam::111122223333:user/u" + (i % 4));
            events.add(new LogEvent(body, LogSource.CLOUDTRAIL, Optional.of(start.plusSeconds(i)), "test", i + 1));
        }
        return events;
    }

    @Test
    void alertsMatchEventByEventDetection() {
        RulePack pack = RulePack.builtin(new SigmaLoader(SigmaOptions.defaults()));
        List<LogEvent> events = events(20_000);
        Detector sequential = Detector.of(pack);
        List<String> expected = new ArrayList<>();
        for (LogEvent event : events) {
            sequential.accept(event).forEach(alert -> expected.add(alert.ruleId() + "@" + alert.location()));
        }
        sequential.flush().forEach(alert -> expected.add(alert.ruleId() + "@" + alert.location()));

        Detector piped = Detector.of(pack);
        List<String> actual = new ArrayList<>();
        Pipeline.run(sink -> events.forEach(sink), piped, pool, 1, alert -> actual.add(alert.ruleId() + "@" + alert.location()));
        piped.flush().forEach(alert -> actual.add(alert.ruleId() + "@" + alert.location()));
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(actual).isEqualTo(expected);
        assertThat(piped.events()).isEqualTo(20_000);
    }

    @Test
    void aReaderFailureComesBackAfterTheEventsBeforeIt() {
        Detector detector = Detector.of(RulePack.builtin(new SigmaLoader(SigmaOptions.defaults())));
        List<Alert> alerts = new ArrayList<>();
        assertThatThrownBy(() -> Pipeline.run(sink -> {
            events(5_000).forEach(sink);
            throw new IllegalStateException("disk gone");
        }, detector, pool, 1, alerts::add)).hasMessage("disk gone");
        assertThat(detector.events()).isEqualTo(5_000);
        assertThat(alerts).isNotEmpty();
    }
}
