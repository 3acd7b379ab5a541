package dev.bulwark.detect.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestFormatDetection {
    private static final String EVENT = "{\"eventVersion\":\"1.09\",\"eventName\":\"%s\",\"eventTime\":\"2026-11-30T08:00:00Z\"}";

    @Test
    void aBadFirstLineDoesNotTurnJsonLinesIntoADocument() {
        TestingLogs logs = TestingLogs.read("{\"eventName\": \n" + EVENT.formatted("A") + "\n", ReadOptions.defaults());
        assertThat(logs.field("eventName")).containsExactly("A");
        assertThat(logs.warningTexts()).containsExactly("-:1: malformed JSON: Unexpected end-of-input within/between Object entries (column 15); line skipped");
    }

    @Test
    void aFirstLineOfTextBeforeJsonLinesIsABadLine() {
        TestingLogs logs = TestingLogs.read("garbage here\n" + EVENT.formatted("A") + "\n", ReadOptions.defaults());
        assertThat(logs.field("eventName")).containsExactly("A");
        assertThat(logs.warnings).hasSize(1);
        assertThat(logs.warnings.get(0).line()).isEqualTo(1);
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (EVENT.formatted("A") + "\r\n" + EVENT.formatted("B") + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, input, 0, bom.length);
        System.arraycopy(text, 0, input, bom.length, text.length);
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), input);
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("A", "B");
    }

    @Test
    void emptyInputIsNoEventsAndNoWarning() {
        TestingLogs logs = TestingLogs.read(" \n\n", ReadOptions.defaults());
        assertThat(logs.events).isEmpty();
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.summary.inputs()).isEqualTo(1);
    }

    @Test
    void unknownJsonIsReadWithoutLogSourceAndOneWarning() {
        TestingLogs logs = TestingLogs.read("{\"msg\":\"a\",\"@timestamp\":\"2026-11-30T08:00:00Z\"}\n{\"msg\":\"b\",\"time\":1764489600}\n",
                ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly(
                "-:1: not CloudTrail or Kubernetes audit JSON: events get no log source (name one with --logsource product/service)");
        assertThat(logs.field("msg")).containsExactly("a", "b");
        assertThat(logs.events.get(0).source().product()).isEmpty();
        assertThat(logs.events.get(1).time()).contains(java.time.Instant.ofEpochSecond(1764489600L));
    }

    @Test
    void aGenericHintTagsEveryLineAndReadsCommonTimeFields() {
        TestingLogs logs = TestingLogs.read("{\"msg\":\"a\",\"timestamp\":\"2026-11-30T09:00:00+01:00\"}\n[{\"msg\":\"b\"},{\"msg\":\"c\"}]\n",
                ReadOptions.defaults().withLogSource(LogSource.parse("acme/gateway")));
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("msg")).containsExactly("a", "b", "c");
        assertThat(logs.events.get(0).time()).contains(java.time.Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(logs.events).allMatch(event -> event.source().equals(LogSource.parse("acme/gateway")));
    }

    @Test
    void aVpcHintReadsHeaderlessTextThatDetectionWouldNot() {
        String line = "2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.1 10.0.0.2 1 2 6 1 40 1764489600 1764489660 ACCEPT OK\n";
        TestingLogs logs = TestingLogs.read(line, ReadOptions.defaults().withLogSource(LogSource.VPC_FLOW));
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.events.get(0).field("action").asText()).isEqualTo("ACCEPT");
    }
}
