package dev.bulwark.detect.source;

import static dev.bulwark.detect.source.TestingLogs.SHOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestVpcFlowLogs {
    @Test
    void defaultFormatRecordsAreObjectsKeyedByAwsFieldNames() {
        TestingLogs logs = TestingLogs.read("vpc/default.log");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.events).hasSize(4);
        LogEvent ssh = logs.events.get(0);
        assertThat(ssh.source()).isEqualTo(LogSource.VPC_FLOW);
        assertThat(ssh.body().toString()).isEqualTo("{\"version\":2,\"account-id\":\"123456789012\",\"interface-id\":\"eni-0a1b2c3d4e5f60718\","
                + "\"srcaddr\":\"198.51.100.23\",\"dstaddr\":\"10.0.1.15\",\"srcport\":49152,\"dstport\":22,\"protocol\":6,\"packets\":20,"
                + "\"bytes\":4249,\"start\":1764489600,\"end\":1764489660,\"action\":\"ACCEPT\",\"log-status\":\"OK\"}");
        assertThat(ssh.time()).contains(Instant.ofEpochSecond(1764489600L));
        assertThat(ssh.location()).isEqualTo(SHOWN + "vpc/default.log:2");
        assertThat(logs.field("action")).containsExactly("ACCEPT", "ACCEPT", "REJECT", "");
    }

    @Test
    void absentValuesAreLeftOut() {
        TestingLogs logs = TestingLogs.read("vpc/default.log");
        JsonNode noData = logs.events.get(3).body();
        assertThat(noData.has("srcaddr")).isFalse();
        assertThat(noData.has("action")).isFalse();
        assertThat(noData.get("log-status").asText()).isEqualTo("NODATA");
        assertThat(noData.get("start").isNumber()).isTrue();
    }

    @Test
    void recordsWithoutAHeaderAreOfTheDefaultFormat() {
        TestingLogs logs = TestingLogs.read("vpc/no-header.log");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("dstport")).containsExactly("22", "49152");
        assertThat(logs.events.get(0).line()).isEqualTo(1);
    }

    @Test
    void customVersion5FormatsFollowTheirHeaderAndMayBeGzipped() {
        TestingLogs logs = TestingLogs.read("vpc/custom-v5.log.gz");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.events).hasSize(2);
        JsonNode s3 = logs.events.get(0).body();
        assertThat(s3.get("version").asInt()).isEqualTo(5);
        assertThat(s3.get("pkt-dstaddr").asText()).isEqualTo("52.94.133.131");
        assertThat(s3.get("pkt-dst-aws-service").asText()).isEqualTo("S3");
        assertThat(s3.get("flow-direction").asText()).isEqualTo("egress");
        assertThat(s3.get("tcp-flags").isNumber()).isTrue();
        assertThat(s3.get("traffic-path").asInt()).isEqualTo(8);
        assertThat(s3.has("sublocation-type")).isFalse();
        JsonNode rejected = logs.events.get(1).body();
        assertThat(rejected.has("instance-id")).isFalse();
        assertThat(rejected.get("dstport").asInt()).isEqualTo(5432);
        assertThat(logs.events.get(1).time()).contains(Instant.ofEpochSecond(1764489605L));
        assertThat(logs.events.get(1).line()).isEqualTo(3);
    }

    @Test
    void badRecordsAreWarnedAboutAndSkipped() {
        String text = """
                version srcaddr dstaddr dstport start action
                2 10.0.0.1 10.0.0.2 443 1764489600 ACCEPT
                2 10.0.0.1 10.0.0.2 443 1764489600
                2 10.0.0.1 10.0.0.2 https 1764489600 ACCEPT
                """;
        TestingLogs logs = TestingLogs.read(text, ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly(
                "-:3: VPC flow log record has 5 fields, its format has 6; skipped",
                "-:4: VPC flow log field dstport is not a number: 'https'; kept as text");
        assertThat(logs.field("dstport")).containsExactly("443", "https");
    }

    @Test
    void aFormatWithoutStartGivesEventsWithoutTime() {
        TestingLogs logs = TestingLogs.read("srcaddr dstaddr action\n10.0.0.1 10.0.0.2 REJECT\n", ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly("-:1: VPC flow log format has no start field: its events have no time");
        assertThat(logs.events).hasSize(1);
        assertThat(logs.events.get(0).time()).isEmpty();
    }
}
