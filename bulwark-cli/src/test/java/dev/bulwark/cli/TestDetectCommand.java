package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark detect, rules test and Sigma lint, end to end on real log files and rule files. */
class TestDetectCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLES = "../examples/logs";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static List<String> titles(List<JsonNode> alerts) {
        return alerts.stream().map(alert -> alert.path("finding_info").path("title").asText()).toList();
    }

    @Test
    void theExampleLogsRaiseTheBuiltinDetectionsAndACorrelation() throws IOException {
        CliRun table = CliRun.run("detect", EXAMPLES, "--no-color", "--respond");
        assertThat(table.exitCode()).as(table.err()).isEqualTo(1);
        assertThat(table.out()).contains("Root user activity", "CloudTrail logging stopped, deleted or weakened",
                        "Binding to cluster-admin created", "Port scan from one address")
                .contains("Burst of failed console sign-ins from one address")
                .contains("event_count sourceIPAddress=192.0.2.44: 10 events")
                .contains("$ aws cloudtrail start-logging --name TRAIL")
                .contains("from 117 events in 3 inputs");
        // The building blocks of correlations do not alert alone.
        assertThat(table.out()).doesNotContain("Failed console sign-in  [", "Inbound flow from a public address");

        CliRun json = CliRun.run("detect", EXAMPLES, "--format", "json", "--fail-on", "never");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<JsonNode> alerts = lines(json.out());
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.path("class_uid").asInt()).isEqualTo(2004);
            assertThat(alert.path("evidences")).isNotEmpty();
        });
        JsonNode burst = alerts.stream().filter(alert -> alert.path("finding_info").path("title").asText()
                .equals("Burst of failed console sign-ins from one address")).findFirst().orElseThrow();
        assertThat(burst.path("unmapped").path("group_by").path("sourceIPAddress").asText()).isEqualTo("192.0.2.44");
        assertThat(burst.path("finding_info").path("attacks").get(0).path("technique").path("uid").asText()).isEqualTo("T1110.001");
        assertThat(titles(alerts)).contains("Root user activity", "Port scan from one address").hasSizeGreaterThan(20)
                .hasSizeLessThan(40);
    }

    @Test
    void userRulesGzipStandardInputAndNoBuiltin() throws IOException {
        write("rules/deletes.yml", """
                title: Bucket deleted
                id: 0f6c2b7a-1d2e-4f3a-9b8c-7d6e5f4a3b2c
                level: high
                tags: [attack.impact, attack.t1485]
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventName: DeleteBucket}
                  condition: selection
                """);
        String record = "{\"Records\": [{\"eventVersion\": \"1.09\", \"eventTime\": \"2026-11-30T01:00:00Z\", \"eventSource\": "
                + "\"s3.amazonaws.com\", \"eventName\": \"DeleteBucket\", \"userIdentity\": {\"type\": \"IAMUser\", \"userName\": \"bob\"}}]}";
        Path gz = dir.resolve("logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/trail.json.gz");
        Files.createDirectories(gz.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(record.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, bytes.toByteArray());
        CliRun run = CliRun.run("detect", dir.resolve("logs").toString(), "--rules", dir.resolve("rules").toString(), "--no-builtin",
                "--format", "json", "--fail-on", "high");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(titles(lines(run.out()))).containsExactly("Bucket deleted");

        CliRun stdin = CliRun.withStdin(record, "detect", "-", "--rules", dir.resolve("rules").toString(), "--no-builtin",
                "--fail-on", "never", "--no-color");
        assertThat(stdin.exitCode()).as(stdin.err()).isZero();
        assertThat(stdin.out()).contains("Bucket deleted").contains("evidence: -:1");
    }

    @Test
    void alertsReachAWebhookAndDuplicatesAreHeldBack() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                log.append("{\"eventVersion\": \"1.09\", \"eventTime\": \"2026-11-30T02:0").append(i).append(":00Z\", \"eventSource\": ")
                        .append("\"kms.amazonaws.com\", \"eventName\": \"ScheduleKeyDeletion\", \"userIdentity\": {\"type\": \"IAMUser\", ")
                        .append("\"userName\": \"eve\", \"arn\": \"arn:aws:iam::111122223333:user/eve\"}}\n");
            }
            Path file = write("kms.jsonl", log.toString());
            CliRun run = CliRun.run("detect", file.toString(), "--webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                    "--throttle", "2/1h", "--fail-on", "never", "--no-color");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 over the throttle held back");
            // close() waits for delivery: both admitted alerts reached the endpoint before the command returned.
            assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"class_uid\":2004"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputAndBadFlagsGetClearMessages() throws IOException {
        Path broken = write("broken.jsonl", "{\"eventVersion\": \"1.09\", \"eventTime\": \"2026-11-30T02:00:00Z\", \"eventSource\": "
                + "\"kms.amazonaws.com\", \"eventName\": \"ScheduleKeyDeletion\", \"userIdentity\": {\"type\": \"Root\"}}\n{not json\n");
        CliRun run = CliRun.run("detect", broken.toString(), "--fail-on", "never", "--no-color");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("broken.jsonl:2").doesNotContain("\tat ");
        assertThat(run.out()).contains("KMS key disabled or scheduled for deletion", "Root user activity");

        Path badRule = write("bad/rule.yml", """
                title: Bad regex
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventName|re: '(unclosed'}
                  condition: selection
                """);
        CliRun warned = CliRun.run("detect", broken.toString(), "--rules", badRule.getParent().toString(), "--fail-on", "never");
        assertThat(warned.err()).contains("rule not loaded").contains("rule.yml:4");
        CliRun strict = CliRun.run("detect", broken.toString(), "--rules", badRule.getParent().toString(), "--strict-rules");
        assertThat(strict.exitCode()).isEqualTo(2);

        assertThat(CliRun.run("detect").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("detect", broken.toString(), "--format", "sarif").err()).contains("detect writes table or json");
        assertThat(CliRun.run("detect", broken.toString(), "--dedup", "soon").err()).contains("--dedup: a duration such as 30s");
        assertThat(CliRun.run("detect", broken.toString(), "--throttle", "x/1h").err()).contains("--throttle: N/DURATION");
        assertThat(CliRun.run("detect", broken.toString(), "--webhook", "ftp://example.com/x").err()).contains("--webhook: a webhook URL is http(s)://host/...");
        assertThat(CliRun.run("detect", dir.resolve("absent.log").toString()).err()).contains("path not found");
        assertThat(CliRun.run("detect", broken.toString(), "--follow", "--logsource", "a/b/c/d").exitCode()).isEqualTo(2);
    }

    @Test
    void rulesTestAndLintCoverSigmaFiles() throws IOException {
        CliRun builtin = CliRun.run("rules", "test", "--builtin");
        assertThat(builtin.exitCode()).as(builtin.out()).isZero();
        assertThat(builtin.out()).containsPattern("\\d+ cases in 29 rules: \\d+ passed, 0 failed");

        write("mine/rule.yml", """
                title: Key deleted
                id: 7e3b1c52-3f7a-4c1e-9d55-0c8f6f3c2a11
                level: high
                tags: [attack.impact, attack.t1485]
                description: A key is going away.
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventName: ScheduleKeyDeletion}
                  condition: selection
                tests:
                  - name: wrong on purpose
                    expect: 2
                    events:
                      - {eventName: ScheduleKeyDeletion, eventTime: "2026-11-30T05:10:00Z"}
                """);
        CliRun failing = CliRun.run("rules", "test", dir.resolve("mine").toString());
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).contains("FAIL").contains("[wrong on purpose]: expected 2 alerts, got 1");

        CliRun lint = CliRun.run("rules", "lint", "../bulwark-detect/src/main/resources/bulwark/detect/rules");
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("0 errors, 0 warnings (34 of them Sigma)");
    }

    @Test
    void benchPrintsParseDetectionAndCorrelationRates() {
        CliRun run = CliRun.run("detect", "bench", "--events", "3000", "--rules", "50", "--iterations", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CloudTrail, parse only:", "CloudTrail, built-in pack (29 rules), 1 thread:",
                "CloudTrail, generated pack (50 rules)", "event_count correlation (500 groups)", "Kubernetes audit, parse only:");
        assertThat(CliRun.run("detect", "bench", "--events", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void followReadsLinesAsTheyAreWrittenUntilItsTimeIsUp() throws Exception {
        Path file = write("growing.jsonl", "");
        CliRun[] result = new CliRun[1];
        Thread follower = new Thread(() -> result[0] = CliRun.run("detect", file.toString(), "--follow", "--follow-for", "4s",
                "--no-color", "--fail-on", "never"));
        follower.start();
        Thread.sleep(1_000);
        Files.writeString(file, "{\"eventVersion\": \"1.09\", \"eventTime\": \"2026-11-30T02:00:00Z\", \"eventSource\": "
                + "\"cloudtrail.amazonaws.com\", \"eventName\": \"StopLogging\", \"userIdentity\": {\"type\": \"IAMUser\"}}\n",
                java.nio.file.StandardOpenOption.APPEND);
        follower.join(30_000);
        assertThat(result[0]).isNotNull();
        assertThat(result[0].exitCode()).as(result[0].err()).isZero();
        assertThat(result[0].out()).contains("CloudTrail logging stopped, deleted or weakened").contains("from 1 events in 1 input");
        assertThat(CliRun.run("detect", file.toString(), "--follow-for", "1s").err()).contains("--follow-for goes with --follow");
    }
}
