package dev.bulwark.detect.correlation;

import static dev.bulwark.detect.correlation.TestingCorrelation.T0;
import static dev.bulwark.detect.correlation.TestingCorrelation.cloudtrail;
import static dev.bulwark.detect.correlation.TestingCorrelation.minutes;
import static dev.bulwark.detect.correlation.TestingCorrelation.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Severity;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** event_count and value_count: thresholds, window edges, groups, conditions decided at window close. */
class TestCorrelationCounts {
    private final CorrelationSet set = TestingCorrelation.loadClean("counts.yml");

    private static LogEvent denied(Duration after, String ip, String user) {
        return cloudtrail(after, """
                {"eventSource": "s3.amazonaws.com", "eventName": "ListBuckets", "errorCode": "AccessDenied",
                 "sourceIPAddress": "%s", "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::123456789012:user/%s"}}
                """.formatted(ip, user));
    }

    private static LogEvent heartbeat(Duration after, String account) {
        return cloudtrail(after, """
                {"eventName": "PutMetricData", "recipientAccountId": "%s", "requestParameters": {"namespace": "Bulwark/Agent"}}
                """.formatted(account));
    }

    private static LogEvent read(Duration after, String user, String bucket) {
        return cloudtrail(after, """
                {"eventName": "GetObject", "userIdentity": {"userName": "%s"}, "requestParameters": {"bucketName": "%s", "key": "report.csv"}}
                """.formatted(user, bucket));
    }

    @Test
    void eventCountAlertsWhenTheCountPassesTheThreshold() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 5; i++) {
            pipeline.feed(denied(seconds(30L * i), "192.0.2.10", "build"));
        }
        List<Alert> alerts = pipeline.alerts("burst-of-denials");
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.title()).isEqualTo("Burst of access denied errors from one address for one user");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.correlationType()).contains("event_count");
        assertThat(alert.eventCount()).isEqualTo(5);
        assertThat(alert.events()).hasSize(5);
        assertThat(alert.window()).contains(new Alert.Window(T0, T0.plusSeconds(120)));
        assertThat(alert.time()).isEqualTo(T0.plusSeconds(120));
        assertThat(alert.groupBy()).containsExactly(Map.entry("sourceIPAddress", "192.0.2.10"),
                Map.entry("userIdentity.arn", "arn:aws:iam::123456789012:user/build"));
        assertThat(alert.tags()).containsExactly("attack.discovery");
    }

    @Test
    void eventCountAtTheThresholdDoesNotAlert() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 4; i++) {
            pipeline.feed(denied(seconds(30L * i), "192.0.2.10", "build"));
        }
        assertThat(pipeline.flush().alerts("burst-of-denials")).isEmpty();
    }

    @Test
    void theWindowIncludesInputsExactlyTimespanApart() {
        TestingCorrelation.Pipeline inside = new TestingCorrelation.Pipeline(set);
        TestingCorrelation.Pipeline outside = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 4; i++) {
            inside.feed(denied(seconds(10L * i), "192.0.2.10", "build"));
            outside.feed(denied(seconds(10L * i), "192.0.2.10", "build"));
        }
        inside.feed(denied(minutes(5), "192.0.2.10", "build"));
        outside.feed(denied(minutes(5).plusSeconds(1), "192.0.2.10", "build"));
        assertThat(inside.alerts("burst-of-denials")).singleElement()
                .satisfies(alert -> assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(5)))));
        assertThat(outside.flush().alerts("burst-of-denials")).isEmpty();
    }

    @Test
    void theGroupStartsAfreshAfterAnAlert() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 14; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2.10", "build"));
        }
        assertThat(pipeline.flush().alerts("burst-of-denials")).extracting(Alert::eventCount).containsExactly(5L, 5L);
    }

    @Test
    void everyGroupByValueSeparatesGroups() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 3; i++) {
            pipeline.feed(denied(seconds(i), "192.0.2.10", "build"), denied(seconds(i), "192.0.2.11", "build"),
                    denied(seconds(i), "192.0.2.10", "deploy"));
        }
        assertThat(pipeline.alerts("burst-of-denials")).isEmpty();
        pipeline.feed(denied(seconds(10), "192.0.2.11", "build"), denied(seconds(11), "192.0.2.11", "build"));
        assertThat(pipeline.alerts("burst-of-denials")).singleElement()
                .satisfies(alert -> assertThat(alert.groupBy()).containsEntry("sourceIPAddress", "192.0.2.11"));
    }

    @Test
    void anEventWithoutAGroupByFieldIsNotCounted() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 6; i++) {
            pipeline.feed(cloudtrail(seconds(i), "{\"errorCode\": \"AccessDenied\", \"sourceIPAddress\": \"192.0.2.10\"}"));
        }
        assertThat(pipeline.flush().alerts).isEmpty();
        assertThat(pipeline.engine.statistics().withoutGroup()).isEqualTo(6);
    }

    @Test
    void ltIsDecidedWhenTheWindowCloses() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(heartbeat(minutes(0), "123456789012"), heartbeat(minutes(4), "123456789012"));
        pipeline.feed(heartbeat(minutes(0), "210987654321"), heartbeat(minutes(3), "210987654321"), heartbeat(minutes(6), "210987654321"));
        assertThat(pipeline.alerts("rare-heartbeats")).as("nothing is decided while the window is open").isEmpty();
        pipeline.engine.advance(T0.plus(minutes(10)), pipeline.alerts::add);
        assertThat(pipeline.alerts("rare-heartbeats")).as("the window's end still belongs to it").isEmpty();
        pipeline.engine.advance(T0.plus(minutes(10)).plusMillis(1), pipeline.alerts::add);
        assertThat(pipeline.alerts("rare-heartbeats")).singleElement().satisfies(alert -> {
            assertThat(alert.groupBy()).containsExactly(Map.entry("recipientAccountId", "123456789012"));
            assertThat(alert.eventCount()).isEqualTo(2);
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(10))));
            assertThat(alert.time()).isEqualTo(T0.plus(minutes(10)));
        });
    }

    @Test
    void flushClosesOpenWindows() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(heartbeat(minutes(1), "123456789012"));
        assertThat(pipeline.alerts("rare-heartbeats")).isEmpty();
        assertThat(pipeline.flush().alerts("rare-heartbeats")).singleElement()
                .satisfies(alert -> assertThat(alert.window()).contains(new Alert.Window(T0.plus(minutes(1)), T0.plus(minutes(11)))));
    }

    @Test
    void aNewWindowOpensAfterTheLastOneClosed() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(heartbeat(minutes(0), "123456789012"), heartbeat(minutes(1), "123456789012"), heartbeat(minutes(2), "123456789012"));
        pipeline.feed(heartbeat(minutes(12), "123456789012"));
        assertThat(pipeline.alerts("rare-heartbeats")).isEmpty();
        assertThat(pipeline.flush().alerts("rare-heartbeats")).singleElement()
                .satisfies(alert -> assertThat(alert.window().orElseThrow().start()).isEqualTo(T0.plus(minutes(12))));
    }

    @Test
    void eqHoldsOnlyForTheExactCountAtClose() {
        TestingCorrelation.Pipeline two = new TestingCorrelation.Pipeline(set);
        two.feed(read(minutes(0), "alice", "reports"), read(minutes(1), "alice", "reports")).flush();
        assertThat(two.alerts("exactly-two-reads")).hasSize(1);
        TestingCorrelation.Pipeline three = new TestingCorrelation.Pipeline(set);
        three.feed(read(minutes(0), "alice", "reports"), read(minutes(1), "alice", "reports"), read(minutes(2), "alice", "reports")).flush();
        assertThat(three.alerts("exactly-two-reads")).isEmpty();
    }

    @Test
    void valueCountCountsDistinctValues() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(read(minutes(0), "alice", "reports"), read(minutes(1), "alice", "payroll"), read(minutes(2), "alice", "reports"),
                read(minutes(2), "alice", "payroll"));
        assertThat(pipeline.alerts("many-buckets")).isEmpty();
        pipeline.feed(read(minutes(3), "alice", "backups"));
        assertThat(pipeline.alerts("many-buckets")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(5);
            assertThat(alert.groupBy()).containsExactly(Map.entry("userIdentity.userName", "alice"));
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(3))));
        });
    }

    @Test
    void valueCountForgetsValuesThatLeftTheWindow() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(read(minutes(0), "alice", "reports"), read(minutes(5), "alice", "payroll"),
                read(minutes(10).plusSeconds(1), "alice", "backups"));
        assertThat(pipeline.flush().alerts("many-buckets")).isEmpty();
    }

    @Test
    void evidenceIsBoundedWhileTheCountIsExact() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        List<LogEvent> reads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            reads.add(read(seconds(i), "alice", "reports"));
        }
        reads.add(read(seconds(40), "alice", "payroll"));
        reads.add(read(seconds(41), "alice", "backups"));
        pipeline.feed(reads.toArray(new LogEvent[0]));
        assertThat(pipeline.alerts("many-buckets")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(32);
            assertThat(alert.events()).hasSize(Alert.MAX_EVIDENCE);
            assertThat(alert.events()).endsWith(reads.get(31));
            assertThat(alert.window().orElseThrow().start()).isEqualTo(T0);
        });
    }
}
