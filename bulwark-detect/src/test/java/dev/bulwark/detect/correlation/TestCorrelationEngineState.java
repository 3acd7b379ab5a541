package dev.bulwark.detect.correlation;

import static dev.bulwark.detect.correlation.TestingCorrelation.cloudtrail;
import static dev.bulwark.detect.correlation.TestingCorrelation.minutes;
import static dev.bulwark.detect.correlation.TestingCorrelation.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.FieldMapping;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Event time, lateness, the bound on state, and the builder. */
class TestCorrelationEngineState {
    private static LogEvent denied(Duration after, String ip) {
        return cloudtrail(after, """
                {"eventName": "DescribeInstances", "errorCode": "Client.UnauthorizedOperation", "sourceIPAddress": "%s",
                 "userIdentity": {"arn": "arn:aws:iam::123456789012:role/ci"}}
                """.formatted(ip));
    }

    private static LogEvent login(Duration after, String outcome) {
        return cloudtrail(after, """
                {"eventName": "ConsoleLogin", "userIdentity": {"userName": "alice"}, "responseElements": {"ConsoleLogin": "%s"}}
                """.formatted(outcome));
    }

    @Test
    void inputsOutOfOrderWithinTheAllowedLatenessAreProcessedInTimeOrder() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml");
        List<LogEvent> arrival = List.of(login(seconds(90), "Success"), login(seconds(0), "Failure"), login(seconds(30), "Failure"),
                login(seconds(10), "Failure"));
        TestingCorrelation.Pipeline tolerant = new TestingCorrelation.Pipeline(set, builder -> builder.allowedLateness(minutes(2)));
        tolerant.feed(arrival.toArray(new LogEvent[0]));
        assertThat(tolerant.alerts).as("held until the lateness has passed").isEmpty();
        tolerant.engine.advance(TestingCorrelation.T0.plus(seconds(90)).plus(minutes(2)), tolerant.alerts::add);
        assertThat(tolerant.alerts).singleElement().satisfies(alert -> assertThat(alert.eventCount()).isEqualTo(4));
        assertThat(tolerant.engine.statistics().late()).isZero();

        TestingCorrelation.Pipeline strict = new TestingCorrelation.Pipeline(set);
        strict.feed(arrival.toArray(new LogEvent[0])).flush();
        assertThat(strict.alerts).as("without lateness the success came first").isEmpty();
        assertThat(strict.engine.statistics().late()).isEqualTo(3);
    }

    @Test
    void flushReleasesHeldInputs() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.allowedLateness(minutes(10)));
        for (int i = 4; i >= 0; i--) {
            pipeline.feed(denied(seconds(i), "192.0.2.10"));
        }
        assertThat(pipeline.alerts).isEmpty();
        assertThat(pipeline.flush().alerts("burst-of-denials")).singleElement()
                .satisfies(alert -> assertThat(alert.window()).contains(new Alert.Window(TestingCorrelation.T0, TestingCorrelation.T0.plusSeconds(4))));
    }

    @Test
    void lateInputsCountAtTheLatestTimeProcessed() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.allowedLateness(seconds(30)));
        pipeline.feed(denied(minutes(10), "192.0.2.10"), denied(minutes(11), "192.0.2.10"));
        for (int i = 0; i < 3; i++) {
            pipeline.feed(denied(minutes(1), "192.0.2.10"));
        }
        pipeline.flush();
        assertThat(pipeline.engine.statistics().late()).isEqualTo(3);
        assertThat(pipeline.alerts("burst-of-denials")).singleElement()
                .satisfies(alert -> assertThat(alert.window().orElseThrow().end()).isEqualTo(TestingCorrelation.T0.plus(minutes(11))));
    }

    @Test
    void eventsWithoutTimeCountAtTheLatestTimeSeen() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(denied(minutes(3), "192.0.2.10"));
        for (int i = 0; i < 4; i++) {
            pipeline.feed(TestingCorrelation.event(LogSource.CLOUDTRAIL, Optional.empty(), """
                    {"errorCode": "AccessDenied", "sourceIPAddress": "192.0.2.10", "userIdentity": {"arn": "arn:aws:iam::123456789012:role/ci"}}
                    """));
        }
        assertThat(pipeline.alerts("burst-of-denials")).singleElement().satisfies(alert -> assertThat(alert.window())
                .contains(new Alert.Window(TestingCorrelation.T0.plus(minutes(3)), TestingCorrelation.T0.plus(minutes(3)))));
    }

    @Test
    void groupsArePrunedWhenTheirWindowHasPassed() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.state(state));
        int rule = set.correlations().indexOf(set.correlations().stream().filter(c -> c.reference().equals("burst-of-denials")).findFirst().orElseThrow());
        for (int i = 0; i < 1_000; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2." + (i % 250)));
        }
        assertThat(state.size(rule)).isEqualTo(250);
        pipeline.feed(denied(seconds(1_000 + 299), "198.51.100.1"));
        assertThat(state.size(rule)).as("groups last seen more than 5m ago are gone").isLessThan(250);
        pipeline.engine.advance(TestingCorrelation.T0.plus(minutes(60)), pipeline.alerts::add);
        pipeline.feed(denied(minutes(60), "198.51.100.2"));
        assertThat(state.size(rule)).isEqualTo(1);
        assertThat(pipeline.alerts).isEmpty();
    }

    @Test
    void theNumberOfGroupsPerRuleIsCapped() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.state(state).maxGroupsPerRule(3));
        for (int i = 0; i < 10; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2." + i));
        }
        int rule = 0;
        for (int i = 0; i < set.correlations().size(); i++) {
            if (set.correlations().get(i).reference().equals("burst-of-denials")) {
                rule = i;
            }
        }
        assertThat(state.size(rule)).isEqualTo(3);
        assertThat(pipeline.engine.statistics().evictedGroups()).isEqualTo(7);
        for (int i = 0; i < 4; i++) {
            pipeline.feed(denied(seconds(20 + i), "192.0.2." + (i % 2)));
        }
        assertThat(pipeline.alerts).as("the evicted group of 192.0.2.0 started again").isEmpty();
    }

    @Test
    void groupByFieldsFollowTheFieldMappingOfTheRules() {
        FieldMapping mapping = FieldMapping.of(Map.of("user.name", List.of("userIdentity.userName", "userIdentity.arn")));
        SigmaLoader.Result load = new SigmaLoader(SigmaOptions.defaults().withFieldMapping(mapping)).load("""
                title: Denied
                name: denied
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {errorCode: AccessDenied}
                  condition: selection
                ---
                title: Denied twice for one user
                id: denied-twice
                correlation:
                  type: event_count
                  rules: [denied]
                  group-by: [user.name]
                  timespan: 1m
                  condition: {gte: 2}
                """, "mapped.yml");
        CorrelationSet set = CorrelationLoader.resolve(List.of(load));
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.fieldMapping(mapping));
        pipeline.feed(cloudtrail(seconds(0), "{\"errorCode\": \"AccessDenied\", \"userIdentity\": {\"arn\": \"arn:aws:sts::123456789012:assumed-role/ci\"}}"),
                cloudtrail(seconds(1), "{\"errorCode\": \"AccessDenied\", \"userIdentity\": {\"userName\": \"alice\"}}"),
                cloudtrail(seconds(2), "{\"errorCode\": \"AccessDenied\", \"userIdentity\": {\"userName\": \"alice\", \"arn\": \"x\"}}"));
        assertThat(pipeline.alerts).singleElement()
                .satisfies(alert -> assertThat(alert.groupBy()).containsExactly(Map.entry("user.name", "alice")));
    }

    @Test
    void evidencePerGroupCanBeSmaller() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.maxEvidencePerGroup(2));
        for (int i = 0; i < 5; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2.10"));
        }
        assertThat(pipeline.alerts("burst-of-denials")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(5);
            assertThat(alert.events()).hasSize(2);
            assertThat(alert.events().get(1).body().get("sourceIPAddress").asText()).isEqualTo("192.0.2.10");
        });
    }

    @Test
    void heldInputsAreBounded() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set,
                builder -> builder.allowedLateness(Duration.ofHours(1)).maxHeldInputs(2));
        for (int i = 0; i < 7; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2.10"));
        }
        assertThat(pipeline.alerts("burst-of-denials")).as("the oldest inputs were processed early").hasSize(1);
    }

    @Test
    void theBuilderRefusesRepeatedAndInvalidSettings() {
        CorrelationEngine.Builder builder = CorrelationEngine.builder(TestingCorrelation.loadClean("counts.yml")).maxGroupsPerRule(5);
        assertThatThrownBy(() -> builder.maxGroupsPerRule(6)).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxGroupsPerRule is already set to 5");
        assertThatThrownBy(() -> builder.allowedLateness(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowedLateness must not be negative: PT-1S");
        assertThatThrownBy(() -> builder.maxValuesPerGroup(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxValuesPerGroup must be at least 2: 1");
        assertThatThrownBy(() -> builder.maxEvidencePerGroup(21)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEvidencePerGroup must be from 1 to 20: 21");
    }

    @Test
    void aMatchIsOneInputOfTheCorrelationThatReferencesIt() {
        CorrelationSet set = TestingCorrelation.loadClean("counts.yml", "temporal.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.engine.advance(Instant.EPOCH, pipeline.alerts::add);
        pipeline.feed(cloudtrail(seconds(1), "{\"eventName\": \"StopLogging\", \"userIdentity\": {\"arn\": \"x\"}}")).flush();
        assertThat(pipeline.engine.statistics().inputs()).isEqualTo(1);
        assertThat(pipeline.alerts).isEmpty();
    }
}
