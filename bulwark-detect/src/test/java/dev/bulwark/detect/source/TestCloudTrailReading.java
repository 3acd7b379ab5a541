package dev.bulwark.detect.source;

import static dev.bulwark.detect.source.TestingLogs.SHOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCloudTrailReading {
    @Test
    void deliveryFileRecordsAreEventsTaggedCloudTrailWithTheirTime() {
        TestingLogs logs = TestingLogs.read("cloudtrail/delivery.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("CreateUser", "AttachUserPolicy", "CreateAccessKey");
        assertThat(logs.field("requestParameters.policyArn").get(1)).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
        LogEvent first = logs.events.get(0);
        assertThat(first.source()).isEqualTo(LogSource.CLOUDTRAIL);
        assertThat(first.time()).contains(Instant.parse("2026-11-30T08:01:12Z"));
        // AWS writes a delivery file on one line: every record starts on line 1.
        assertThat(logs.locations()).containsOnly(SHOWN + "cloudtrail/delivery.json:1");
        assertThat(logs.summary.events()).isEqualTo(3);
        assertThat(logs.summary.inputs()).isEqualTo(1);
        assertThat(logs.summary.bytes()).isEqualTo(Path.of(SHOWN + "cloudtrail/delivery.json").toFile().length());
    }

    @Test
    void prettyPrintedRecordsAreLocatedAtTheLineTheyStartOn() {
        TestingLogs logs = TestingLogs.read("cloudtrail/pretty.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("CreateUser", "AttachUserPolicy");
        assertThat(logs.locations()).containsExactly(SHOWN + "cloudtrail/pretty.json:3", SHOWN + "cloudtrail/pretty.json:31");
    }

    @Test
    void jsonLinesAreOneEventPerLine() {
        TestingLogs logs = TestingLogs.read("cloudtrail/events.jsonl");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("GetCallerIdentity", "ListBuckets", "StopLogging");
        assertThat(logs.events.get(1).time()).contains(Instant.parse("2026-11-30T09:00:03.250Z"));
        assertThat(logs.events.get(2).line()).isEqualTo(3);
        assertThat(logs.events).allMatch(event -> event.source().equals(LogSource.CLOUDTRAIL));
    }

    @Test
    void folderTreesAreReadRecursivelyInPathOrderWithoutDigestFiles() {
        TestingLogs logs = TestingLogs.read("cloudtrail/tree");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("RunInstances", "ConsoleLogin", "PutBucketPolicy", "DeleteBucketPolicy");
        assertThat(logs.events.get(0).origin()).isEqualTo(SHOWN
                + "cloudtrail/tree/AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/29/123456789012_CloudTrail_eu-west-1_20261129T2355Z_Bc7dE8fG9hI0jK1L.json.gz");
        assertThat(logs.summary.inputs()).isEqualTo(3);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName(@TempDir Path folder) throws IOException {
        byte[] lines = Files.readAllBytes(TestingLogs.LOGS.resolve("cloudtrail/events.jsonl"));
        Files.write(folder.resolve("events.txt"), TestingLogs.gzip(lines));
        Files.write(folder.resolve("plain.json.gz"), lines);
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), folder);
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("GetCallerIdentity", "ListBuckets", "StopLogging",
                "GetCallerIdentity", "ListBuckets", "StopLogging");
        assertThat(logs.summary.bytes()).isEqualTo(Files.size(folder.resolve("events.txt")) + lines.length);
    }

    @Test
    void eventBridgeEventsAreTheirDetail() {
        TestingLogs logs = TestingLogs.read("cloudtrail/eventbridge.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.events).hasSize(1);
        LogEvent event = logs.events.get(0);
        assertThat(event.field("eventName").asText()).isEqualTo("DeleteRolePolicy");
        assertThat(event.field("detail-type").isMissingNode()).isTrue();
        assertThat(event.time()).contains(Instant.parse("2026-11-30T10:14:58Z"));
        assertThat(event.source()).isEqualTo(LogSource.CLOUDTRAIL);
        assertThat(event.line()).isEqualTo(1);
    }

    @Test
    void aSingleEventObjectIsOneEvent() {
        TestingLogs logs = TestingLogs.read("cloudtrail/single.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("DisableKey");
        assertThat(logs.events.get(0).source()).isEqualTo(LogSource.CLOUDTRAIL);
    }

    @Test
    void cloudTrailLakeRowsMergeTheirColumnsAndParseEmbeddedJson() {
        TestingLogs logs = TestingLogs.read("cloudtrail/lake-results.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("DeleteTrail", "PutEventSelectors");
        assertThat(logs.events.get(0).field("userIdentity.type").asText()).isEqualTo("Root");
        assertThat(logs.events.get(0).time()).contains(Instant.parse("2026-11-30T12:00:01Z"));
        assertThat(logs.events.get(1).field("userIdentity.userName").asText()).isEqualTo("alice");
        assertThat(logs.events).allMatch(event -> event.source().equals(LogSource.CLOUDTRAIL));
    }

    @Test
    void lookupEventsOutputIsTheParsedCloudTrailEvent() {
        TestingLogs logs = TestingLogs.read("cloudtrail/lookup-events.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("eventName")).containsExactly("CreateLoginProfile");
        assertThat(logs.events.get(0).field("CloudTrailEvent").isMissingNode()).isTrue();
        assertThat(logs.events.get(0).field("userIdentity.arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    }

    @Test
    void standardInputIsReadLikeAFile() throws IOException {
        byte[] delivery = Files.readAllBytes(TestingLogs.LOGS.resolve("cloudtrail/delivery.json"));
        TestingLogs logs = TestingLogs.read(ReadOptions.defaults(), TestingLogs.gzip(delivery));
        assertThat(logs.field("eventName")).containsExactly("CreateUser", "AttachUserPolicy", "CreateAccessKey");
        assertThat(logs.locations()).containsOnly("-:1");

        TestingLogs argument = new TestingLogs();
        new LogReader(ReadOptions.defaults()).read("-", new java.io.ByteArrayInputStream(delivery), argument.events::add, argument.warnings::add);
        assertThat(argument.events).hasSize(3);
    }

    @Test
    void aDocumentLargerThanThePeekIsStreamedRecordByRecord() {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        int count = 5000;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append("{\"eventVersion\":\"1.09\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventTime\":\"2026-11-30T08:00:00Z\",\"n\":")
                    .append(i).append('}');
        }
        text.append("]}");
        assertThat(text.length()).isGreaterThan(Detection.PEEK_BYTES);
        TestingLogs logs = TestingLogs.read(text.toString(), ReadOptions.defaults());
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.events).hasSize(count);
        assertThat(logs.events.get(count - 1).field("n").asInt()).isEqualTo(count - 1);
    }

    @Test
    void aHintOverridesDetection() {
        String line = "{\"eventVersion\":\"1.09\",\"eventName\":\"GetObject\",\"eventTime\":\"2026-11-30T08:00:00Z\"}\n";
        TestingLogs logs = TestingLogs.read(line, ReadOptions.defaults().withLogSource(LogSource.parse("aws/cloudtrail/custom")));
        assertThat(logs.events.get(0).source()).isEqualTo(LogSource.parse("aws/cloudtrail/custom"));

        TestingLogs generic = TestingLogs.read("{\"Records\":[{\"a\":1}]}\n", ReadOptions.defaults().withLogSource(LogSource.parse("acme/proxy")));
        assertThat(generic.warnings).isEmpty();
        assertThat(generic.events).hasSize(1);
        assertThat(generic.events.get(0).field("Records").isArray()).isTrue();
        assertThat(generic.events.get(0).source()).hasToString("acme/proxy");
    }

    @Test
    void countEventsParsesWithoutKeepingAnything() {
        assertThat(LogReader.countEvents(TestingLogs.LOGS.resolve("cloudtrail/tree"))).isEqualTo(4);
        assertThat(LogReader.countEvents(TestingLogs.LOGS.resolve("cloudtrail"))).isEqualTo(3 + 2 + 3 + 4 + 1 + 1 + 2 + 1);
    }
}
