package dev.bulwark.detect.correlation;

import static dev.bulwark.detect.correlation.TestingCorrelation.T0;
import static dev.bulwark.detect.correlation.TestingCorrelation.cloudtrail;
import static dev.bulwark.detect.correlation.TestingCorrelation.minutes;
import static dev.bulwark.detect.correlation.TestingCorrelation.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Severity;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** temporal and temporal_ordered, aliases, and a chain: failed sign-ins (event_count) followed by a success. */
class TestCorrelationTemporal {
    private static LogEvent call(Duration after, String eventName, String user) {
        return cloudtrail(after, """
                {"eventName": "%s", "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::123456789012:user/%s"}}
                """.formatted(eventName, user));
    }

    private static LogEvent login(Duration after, String user, String outcome) {
        return cloudtrail(after, """
                {"eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin", "sourceIPAddress": "198.51.100.23",
                 "userIdentity": {"type": "IAMUser", "userName": "%s"}, "responseElements": {"ConsoleLogin": "%s"}}
                """.formatted(user, outcome));
    }

    @Test
    void temporalNeedsEveryRuleInAnyOrderWithinTheTimespan() {
        CorrelationSet set = TestingCorrelation.loadClean("temporal.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(call(seconds(0), "DeleteDetector", "intruder"), call(seconds(30), "StopLogging", "intruder"),
                call(seconds(40), "StopLogging", "admin"));
        assertThat(pipeline.alerts("teardown")).isEmpty();
        pipeline.feed(call(minutes(5), "DeleteTrail", "intruder"));
        assertThat(pipeline.alerts("teardown")).singleElement().satisfies(alert -> {
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.eventCount()).isEqualTo(3);
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(5))));
            assertThat(alert.groupBy()).containsExactly(Map.entry("userIdentity.arn", "arn:aws:iam::123456789012:user/intruder"));
            assertThat(alert.events()).extracting(event -> event.body().get("eventName").asText())
                    .containsExactly("DeleteDetector", "StopLogging", "DeleteTrail");
        });
    }

    @Test
    void temporalDoesNotAlertWhenTheFirstRuleLeftTheWindow() {
        CorrelationSet set = TestingCorrelation.loadClean("temporal.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(call(seconds(0), "DeleteDetector", "intruder"), call(seconds(30), "StopLogging", "intruder"),
                call(minutes(5).plusSeconds(1), "DeleteTrail", "intruder"), call(minutes(6), "DeleteTrail", "other")).flush();
        assertThat(pipeline.alerts("teardown")).isEmpty();
    }

    @Test
    void aliasesReadAnotherFieldPerRule() {
        CorrelationSet set = TestingCorrelation.loadClean("temporal.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        LogEvent error = TestingCorrelation.event(LogSource.of("test", "web", null), seconds(0), """
                {"http": {"response": {"status_code": 500}}, "source": {"ip": "198.51.100.7"}, "destination": {"ip": "10.0.0.5"}}
                """);
        LogEvent backwards = TestingCorrelation.event(LogSource.of("test", "network", null), seconds(2), """
                {"event": {"type": "connection", "outcome": "success"}, "source": {"ip": "198.51.100.7"}, "destination": {"ip": "10.0.0.5"}}
                """);
        LogEvent back = TestingCorrelation.event(LogSource.of("test", "network", null), seconds(5), """
                {"event": {"type": "connection", "outcome": "success"}, "source": {"ip": "10.0.0.5"}, "destination": {"ip": "198.51.100.7"}}
                """);
        pipeline.feed(error, backwards);
        assertThat(pipeline.alerts("error-then-connection")).as("the same addresses in the same fields are another group").isEmpty();
        pipeline.feed(back);
        assertThat(pipeline.alerts("error-then-connection")).singleElement().satisfies(alert -> {
            assertThat(alert.groupBy()).containsExactly(Map.entry("internal_ip", "10.0.0.5"), Map.entry("remote_ip", "198.51.100.7"));
            assertThat(alert.events()).containsExactly(error, back);
        });
    }

    @Test
    void failedLoginsFollowedByASuccessChainTwoCorrelations() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(login(seconds(0), "alice", "Failure"), login(seconds(20), "alice", "Failure"), login(seconds(20), "bob", "Failure"));
        pipeline.feed(login(seconds(40), "alice", "Failure"));
        assertThat(pipeline.alerts).as("the inner correlation is a building block, not an alert").isEmpty();
        pipeline.feed(login(minutes(3), "alice", "Success"));
        assertThat(pipeline.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo("6f1f8f0e-2b8c-4c47-9d6e-1c1f3a0b7a10");
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.correlationType()).contains("temporal_ordered");
            assertThat(alert.eventCount()).isEqualTo(4);
            assertThat(alert.window()).contains(new Alert.Window(T0.plusSeconds(40), T0.plus(minutes(3))));
            assertThat(alert.groupBy()).containsExactly(Map.entry("userIdentity.userName", "alice"));
            assertThat(alert.events()).extracting(event -> event.body().at("/responseElements/ConsoleLogin").asText())
                    .containsExactly("Failure", "Failure", "Failure", "Success");
            assertThat(alert.playbook().orElseThrow().summary()).startsWith("Treat the account");
        });
    }

    @Test
    void generateMakesTheReferencedCorrelationAlertToo() {
        String text = TestingCorrelation.resource("logins.yml").replace("level: high\nresponse:", "level: high\ngenerate: true\nresponse:");
        SigmaLoader.Result load = new SigmaLoader(SigmaOptions.defaults()).load(text, "logins.yml");
        CorrelationSet set = CorrelationLoader.resolve(List.of(load));
        assertThat(set.problems()).isEmpty();
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(login(seconds(0), "alice", "Failure"), login(seconds(10), "alice", "Failure"), login(seconds(20), "alice", "Failure"),
                login(seconds(30), "alice", "Success"));
        assertThat(pipeline.alerts).extracting(Alert::title)
                .containsExactly("Several failed console sign-ins", "Console sign-ins failed, then one succeeded");
    }

    @Test
    void aSuccessBeforeTheFailuresIsNoSequence() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml");
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(login(seconds(0), "alice", "Success"), login(seconds(10), "alice", "Failure"), login(seconds(20), "alice", "Failure"),
                login(seconds(30), "alice", "Failure"), login(seconds(40), "bob", "Success")).flush();
        assertThat(pipeline.alerts).isEmpty();
    }

    @Test
    void theSuccessMustComeWithinTheTimespanOfTheFailures() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml");
        TestingCorrelation.Pipeline late = new TestingCorrelation.Pipeline(set);
        late.feed(login(seconds(0), "alice", "Failure"), login(seconds(10), "alice", "Failure"), login(seconds(20), "alice", "Failure"),
                login(seconds(20).plus(minutes(10)).plusSeconds(1), "alice", "Success")).flush();
        assertThat(late.alerts).isEmpty();
        TestingCorrelation.Pipeline edge = new TestingCorrelation.Pipeline(set);
        edge.feed(login(seconds(0), "alice", "Failure"), login(seconds(10), "alice", "Failure"), login(seconds(20), "alice", "Failure"),
                login(seconds(20).plus(minutes(10)), "alice", "Success"));
        assertThat(edge.alerts).hasSize(1);
    }
}
