package dev.bulwark.detect.source;

import static dev.bulwark.detect.source.TestingLogs.SHOWN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBadInput {
    private static final String MIXED = SHOWN + "bad/mixed.jsonl";

    @Test
    void eachBadLineIsALocatedWarningAndTheGoodLinesAreEvents() {
        TestingLogs logs = TestingLogs.read("bad/mixed.jsonl");
        assertThat(logs.warningTexts()).containsExactly(
                MIXED + ":2: malformed JSON: Unexpected end-of-input within/between Object entries (column 52); line skipped",
                MIXED + ":3: record is a string, not a JSON object; skipped",
                MIXED + ":4: CloudTrail record has no eventTime; its time is unknown",
                MIXED + ":5: CloudTrail record has an invalid eventTime \"yesterday\"; its time is unknown",
                MIXED + ":7: malformed JSON: Unrecognized token 'trailing': was expecting (JSON String, Number, Array, Object or token "
                        + "'null', 'true' or 'false') (column 695); line skipped");
        assertThat(logs.field("eventName")).containsExactly("CreateRole", "UpdateAssumeRolePolicy", "DeleteUser", "DeleteAccessKey");
        assertThat(logs.events.get(1).time()).isEmpty();
        assertThat(logs.events.get(3).line()).isEqualTo(8);
        assertThat(logs.summary.warnings()).isEqualTo(5);
        assertThat(logs.summary.events()).isEqualTo(4);
    }

    @Test
    void textAfterAValueSkipsTheLine() {
        TestingLogs logs = TestingLogs.read("{\"eventVersion\":\"1.09\",\"eventName\":\"A\",\"eventTime\":\"2026-11-30T08:00:00Z\"} {}\n",
                ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly("-:1: text after the JSON value (column 76); line skipped");
        assertThat(logs.events).isEmpty();
    }

    @Test
    void recordsThatAreNotObjectsAreSkipped() {
        TestingLogs logs = TestingLogs.read("bad/records-not-objects.json");
        assertThat(logs.warningTexts()).containsExactly(
                SHOWN + "bad/records-not-objects.json:1: record is a number, not a JSON object; skipped",
                SHOWN + "bad/records-not-objects.json:1: record is a string, not a JSON object; skipped");
        assertThat(logs.field("eventName")).containsExactly("GetObject", "PutObject");
    }

    @Test
    void binaryContentIsSkippedWithOneWarning() {
        TestingLogs logs = TestingLogs.read("bad/garbage.bin");
        assertThat(logs.warningTexts()).containsExactly(SHOWN + "bad/garbage.bin: binary content (NUL byte at offset 7); skipped");
        assertThat(logs.events).isEmpty();
    }

    @Test
    void textThatIsNoLogIsSkippedWithOneWarning() {
        TestingLogs logs = TestingLogs.read("Dear reader,\nthis is a letter, not a log.\n", ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly(
                "-: not a known log format (CloudTrail, Kubernetes audit or other JSON, VPC flow log text); skipped");
    }

    @Test
    void garbageUnderAHintIsCappedAtTheWarningLimit() {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == 0) {
                noise[i] = 1;
            }
            if (i % 100 == 99) {
                noise[i] = '\n';
            }
        }
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults().withLogSource(LogSource.CLOUDTRAIL).withMaxWarningsPerInput(5), noise);
        assertThat(logs.events).isEmpty();
        assertThat(logs.warnings).hasSize(6);
        assertThat(logs.warningTexts().get(5)).isEqualTo("-: more than 5 warnings; the rest for this input are counted, not shown");
        assertThat(logs.summary.warnings()).isGreaterThan(600);
    }

    @Test
    void aTruncatedGzipKeepsTheEventsBeforeTheCut() {
        TestingLogs logs = TestingLogs.read("bad/truncated.json.gz");
        assertThat(logs.warningTexts()).containsExactly(SHOWN + "bad/truncated.json.gz:19: gzip data is truncated or corrupt "
                + "(Unexpected end of ZLIB input stream); the rest of the input is skipped");
        assertThat(logs.events).hasSize(18);
        assertThat(logs.events.get(17).field("eventTime").asText()).isEqualTo("2026-11-30T18:00:17Z");
    }

    @Test
    void aTruncatedGzipBeyondThePeekIsLocatedToo() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("{\"eventVersion\":\"1.09\",\"eventName\":\"GetObject\",\"eventTime\":\"2026-11-30T08:00:00Z\",\"n\":").append(i).append("}\n");
        }
        byte[] gzip = TestingLogs.gzip(lines.toString().getBytes(UTF_8));
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), Arrays.copyOf(gzip, gzip.length / 2));
        assertThat(logs.warnings).hasSize(1);
        long events = logs.events.size();
        assertThat(events).isGreaterThan(5000);
        assertThat(logs.warningTexts().get(0)).isEqualTo("-:" + (events + 1)
                + ": gzip data is truncated or corrupt (Unexpected end of ZLIB input stream); the rest of the input is skipped");
    }

    @Test
    void aGzipThatFailsBeforeItsFirstByteIsReportedNotSilent() {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 'g', 'a', 'r', 'b', 'a', 'g', 'e'};
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), header);
        assertThat(logs.events).isEmpty();
        assertThat(logs.warningTexts()).containsExactly("-: gzip data is truncated or corrupt (Unexpected end of ZLIB input stream); "
                + "nothing could be read");
    }

    @Test
    void aMalformedDocumentKeepsTheRecordsBeforeTheError() {
        String document = "{\"Records\": [\n{\"eventVersion\":\"1.09\",\"eventName\":\"A\",\"eventTime\":\"2026-11-30T08:00:00Z\"},\n"
                + "{\"eventVersion\":\"1.09\",\"eventName\":\"B\",\"eventTime\":\"2026-11-30T08:00:01Z\"},\n{\"eventName\": oops}\n]}";
        TestingLogs logs = TestingLogs.read(document, ReadOptions.defaults());
        assertThat(logs.field("eventName")).containsExactly("A", "B");
        assertThat(logs.warningTexts()).containsExactly("-:4: malformed JSON: Unrecognized token 'oops': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false'); the rest of the input is skipped");
    }

    @Test
    void linesOverTheLimitAreSkippedAndTheNextLinesRead() {
        String good = "{\"eventVersion\":\"1.09\",\"eventName\":\"Good\",\"eventTime\":\"2026-11-30T08:00:00Z\"}\n";
        String huge = "{\"eventVersion\":\"1.09\",\"eventName\":\"Huge\",\"padding\":\"" + "x".repeat(5000) + "\"}\n";
        TestingLogs logs = TestingLogs.read(good + huge + good, ReadOptions.defaults().withMaxLineBytes(1024));
        assertThat(logs.warningTexts()).containsExactly("-:2: line longer than 1024 bytes; skipped");
        assertThat(logs.field("eventName")).containsExactly("Good", "Good");
        assertThat(logs.events.get(1).line()).isEqualTo(3);
    }

    @Test
    void theDefaultLineLimitIsEightMebibytes() {
        String good = "{\"eventVersion\":\"1.09\",\"eventName\":\"Good\",\"eventTime\":\"2026-11-30T08:00:00Z\"}\n";
        String huge = "{\"eventName\":\"Huge\",\"padding\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}\n";
        TestingLogs logs = TestingLogs.read(good + huge + good, ReadOptions.defaults());
        assertThat(logs.warningTexts()).containsExactly("-:2: line longer than 8388608 bytes; skipped");
        assertThat(logs.events).hasSize(2);
    }

    @Test
    void aRecordOverTheLimitInADocumentIsSkipped() {
        String record = "{\"eventVersion\":\"1.09\",\"eventName\":\"%s\",\"eventTime\":\"2026-11-30T08:00:00Z\",\"padding\":\"%s\"}";
        String document = "{\"Records\":[\n" + record.formatted("A", "") + ",\n" + record.formatted("Big", "y".repeat(3000)) + ",\n"
                + record.formatted("C", "") + "]}";
        TestingLogs logs = TestingLogs.read(document, ReadOptions.defaults().withMaxLineBytes(1024));
        assertThat(logs.warningTexts()).containsExactly("-:3: record larger than 1024 bytes; skipped");
        assertThat(logs.field("eventName")).containsExactly("A", "C");
    }

    @Test
    void aRecordWithManySmallValuesOverTheLimitIsSkipped() {
        StringBuilder many = new StringBuilder("{\"eventName\":\"Big\",\"list\":[");
        for (int i = 0; i < 2000; i++) {
            many.append(i).append(',');
        }
        many.append("0]}");
        String document = "[\n" + many + ",\n{\"eventName\":\"After\"}\n]";
        TestingLogs logs = TestingLogs.read(document, ReadOptions.defaults().withMaxLineBytes(1024).withLogSource(LogSource.parse("acme/app")));
        assertThat(logs.warningTexts()).containsExactly("-:2: record larger than 1024 bytes; skipped");
        assertThat(logs.field("eventName")).containsExactly("After");
    }

    @Test
    void aBadFileDoesNotCostTheEventsOfTheOtherFiles(@TempDir Path folder) throws IOException {
        Files.copy(TestingLogs.LOGS.resolve("bad/truncated.json.gz"), folder.resolve("a-truncated.json.gz"));
        Files.copy(TestingLogs.LOGS.resolve("bad/garbage.bin"), folder.resolve("b-garbage.bin"));
        Files.copy(TestingLogs.LOGS.resolve("cloudtrail/events.jsonl"), folder.resolve("c-good.jsonl"));
        Files.copy(TestingLogs.LOGS.resolve("bad/mixed.jsonl"), folder.resolve("d-mixed.jsonl"));
        Files.writeString(folder.resolve("e-empty.json"), "");
        Files.copy(TestingLogs.LOGS.resolve("kubernetes/audit.log"), folder.resolve("f-audit.log"));
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), folder);
        assertThat(logs.events).hasSize(18 + 3 + 4 + 4);
        assertThat(logs.events.subList(18, 21)).allMatch(event -> event.origin().endsWith("c-good.jsonl"));
        assertThat(logs.events.get(28).source()).isEqualTo(LogSource.KUBERNETES_AUDIT);
        assertThat(logs.summary.inputs()).isEqualTo(6);
        assertThat(logs.summary.warnings()).isEqualTo(1 + 1 + 5);
    }

    @Test
    void aMissingPathIsAWarning() {
        TestingLogs logs = TestingLogs.read("no/such/file.json");
        assertThat(logs.warningTexts()).containsExactly(SHOWN + "no/such/file.json: not found or not a regular file or folder");
        assertThat(logs.summary.warnings()).isEqualTo(1);
    }

    @Test
    void aHugeStreamIsReadWithBoundedMemory() {
        // 200 MB of records from a generator: nothing holds the whole input.
        long records = 1_000_000;
        TestingLogs counted = new TestingLogs();
        long[] events = new long[1];
        ReadSummary summary = new LogReader(ReadOptions.defaults()).read(new GeneratedRecords(records), "-", event -> events[0]++,
                counted.warnings::add);
        assertThat(counted.warnings).isEmpty();
        assertThat(events[0]).isEqualTo(records);
        assertThat(summary.bytes()).isGreaterThan(100_000_000L);
    }

    /** {@code {"Records":[...]}} with {@code count} records, produced as it is read. */
    private static final class GeneratedRecords extends InputStream {
        private static final byte[] RECORD = ("{\"eventVersion\":\"1.09\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                + "\"eventTime\":\"2026-11-30T08:00:00Z\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\","
                + "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"reports/2026/11/30.csv\"}},").getBytes(UTF_8);
        private final long count;
        private long written;
        private byte[] current = "{\"Records\":[".getBytes(UTF_8);
        private int position;

        GeneratedRecords(long count) {
            this.count = count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length) {
                if (written == count) {
                    return -1;
                }
                written++;
                current = written == count ? "{\"eventVersion\":\"1.09\",\"eventName\":\"Last\",\"eventTime\":\"2026-11-30T08:00:00Z\"}]}".getBytes(UTF_8) : RECORD;
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
