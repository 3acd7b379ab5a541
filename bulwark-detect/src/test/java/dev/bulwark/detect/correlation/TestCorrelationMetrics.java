package dev.bulwark.detect.correlation;

import static dev.bulwark.detect.correlation.TestingCorrelation.T0;
import static dev.bulwark.detect.correlation.TestingCorrelation.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** value_sum, value_avg and value_percentile over VPC flow log bytes. */
class TestCorrelationMetrics {
    private final CorrelationSet set = TestingCorrelation.loadClean("metrics.yml");

    private static LogEvent flow(Duration after, String source, Object bytes) {
        String value = bytes instanceof String text ? "\"" + text + "\"" : String.valueOf(bytes);
        return TestingCorrelation.event(LogSource.VPC_FLOW, after, """
                {"version": 5, "srcaddr": "%s", "dstaddr": "203.0.113.9", "dstport": 443, "protocol": 6, "packets": 40,
                 "bytes": %s, "action": "ACCEPT", "flow-direction": "egress", "log-status": "OK"}
                """.formatted(source, value));
    }

    @Test
    void valueSumAlertsAsSoonAsTheSumPassesTheBound() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(flow(minutes(0), "10.0.1.5", 600_000), flow(minutes(30), "10.0.1.5", "400001"));
        assertThat(pipeline.alerts("egress-sum")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(2);
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(30))));
            assertThat(alert.correlationType()).contains("value_sum");
        });
    }

    @Test
    void valueSumEqualToTheBoundDoesNotAlert() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(flow(minutes(0), "10.0.1.5", 600_000), flow(minutes(30), "10.0.1.5", 400_000)).flush();
        assertThat(pipeline.alerts("egress-sum")).isEmpty();
    }

    @Test
    void valueSumOnlyAddsWithinTheTimespan() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(flow(minutes(0), "10.0.1.5", 600_000), flow(minutes(61), "10.0.1.5", 600_000));
        pipeline.feed(flow(minutes(61), "10.0.1.6", 600_000), flow(minutes(62), "10.0.1.7", 600_000)).flush();
        assertThat(pipeline.alerts("egress-sum")).isEmpty();
    }

    @Test
    void flowsWithoutANumberAreSkipped() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set);
        pipeline.feed(flow(minutes(0), "10.0.1.5", "-"), flow(minutes(1), "10.0.1.5", 2_000_000));
        assertThat(pipeline.alerts("egress-sum")).singleElement().satisfies(alert -> assertThat(alert.eventCount()).isEqualTo(1));
        assertThat(pipeline.engine.statistics().withoutValue()).isEqualTo(3);
    }

    @Test
    void valueAvgIsDecidedWhenTheWindowCloses() {
        TestingCorrelation.Pipeline above = new TestingCorrelation.Pipeline(set);
        above.feed(flow(minutes(0), "10.0.1.5", 600_000), flow(minutes(10), "10.0.1.5", 500_000));
        assertThat(above.alerts("egress-avg")).isEmpty();
        above.engine.advance(T0.plus(minutes(61)), above.alerts::add);
        assertThat(above.alerts("egress-avg")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(2);
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(60))));
        });
        TestingCorrelation.Pipeline below = new TestingCorrelation.Pipeline(set);
        below.feed(flow(minutes(0), "10.0.1.5", 600_000), flow(minutes(10), "10.0.1.5", 300_000)).flush();
        assertThat(below.alerts("egress-avg")).isEmpty();
    }

    @Test
    void valueAvgWindowsIncludeTheirEndAndNothingAfter() {
        TestingCorrelation.Pipeline inside = new TestingCorrelation.Pipeline(set);
        inside.feed(flow(minutes(0), "10.0.1.5", 900_000), flow(minutes(60), "10.0.1.5", 200_000)).flush();
        assertThat(inside.alerts("egress-avg")).as("(900k + 200k) / 2 > 500k").singleElement()
                .satisfies(alert -> assertThat(alert.eventCount()).isEqualTo(2));
        TestingCorrelation.Pipeline after = new TestingCorrelation.Pipeline(set);
        after.feed(flow(minutes(0), "10.0.1.5", 900_000), flow(minutes(60).plusMillis(1), "10.0.1.5", 200_000)).flush();
        assertThat(after.alerts("egress-avg")).as("900k alone, then 200k alone").singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(1);
            assertThat(alert.window()).contains(new Alert.Window(T0, T0.plus(minutes(60))));
        });
    }

    @Test
    void valuePercentileComparesTheNearestRankPercentile() {
        TestingCorrelation.Pipeline one = new TestingCorrelation.Pipeline(set);
        TestingCorrelation.Pipeline two = new TestingCorrelation.Pipeline(set);
        for (int i = 0; i < 8; i++) {
            one.feed(flow(minutes(i), "10.0.1.5", 100_000));
            two.feed(flow(minutes(i), "10.0.1.5", 100_000));
        }
        one.feed(flow(minutes(8), "10.0.1.5", 100_000), flow(minutes(9), "10.0.1.5", 1_000_000)).flush();
        two.feed(flow(minutes(8), "10.0.1.5", 1_000_000), flow(minutes(9), "10.0.1.5", 1_000_000)).flush();
        assertThat(one.alerts("egress-p90")).as("the 90th percentile of nine small flows and one large is small").isEmpty();
        assertThat(two.alerts("egress-p90")).singleElement().satisfies(alert -> assertThat(alert.eventCount()).isEqualTo(10));
    }

    @Test
    void percentileEdges() {
        double[] values = {5, 1, 4, 2, 3};
        assertThat(CorrelationEngine.percentile(values, 5, 0)).isEqualTo(1);
        assertThat(CorrelationEngine.percentile(values, 5, 50)).isEqualTo(3);
        assertThat(CorrelationEngine.percentile(values, 5, 80)).isEqualTo(4);
        assertThat(CorrelationEngine.percentile(values, 5, 81)).isEqualTo(5);
        assertThat(CorrelationEngine.percentile(values, 5, 100)).isEqualTo(5);
    }

    @Test
    void valuePercentileKeepsABoundedSample() {
        TestingCorrelation.Pipeline pipeline = new TestingCorrelation.Pipeline(set, builder -> builder.maxValuesPerGroup(100));
        for (int i = 0; i < 5_000; i++) {
            pipeline.feed(flow(Duration.ofMillis(i), "10.0.1.5", i % 10 == 0 ? 2_000_000 : 1_000_000));
        }
        pipeline.flush();
        assertThat(pipeline.alerts("egress-p90")).singleElement().satisfies(alert -> {
            assertThat(alert.eventCount()).isEqualTo(5_000);
            assertThat(alert.events()).hasSize(Alert.MAX_EVIDENCE);
        });
    }
}
