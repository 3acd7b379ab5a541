package dev.bulwark.detect.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.Severity;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts as OCSF, and their delivery: a real local HTTP server, a real command, dedup and throttling. */
class TestAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OcsfAlerts OCSF = new OcsfAlerts("test");
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static LogEvent event(String json, String time) throws IOException {
        return new LogEvent(JSON.readTree(json), LogSource.CLOUDTRAIL, Optional.of(Instant.parse(time)), "trail.json", 7);
    }

    private static Alert single(String rule, String time) throws IOException {
        return Alert.single(rule, "Root user activity", Severity.HIGH, List.of("attack.privilege_escalation", "attack.t1078.004"),
                "The root user made a call.", event("{\"eventName\": \"ListBuckets\", \"userIdentity\": {\"type\": \"Root\"}}", time),
                Optional.of(new Playbook("Check who used root.", List.of("Ask the owner.", "Rotate the password."),
                        List.of("aws iam get-account-summary"))));
    }

    private static Alert burst(String ip, String end) throws IOException {
        Map<String, String> group = new LinkedHashMap<>();
        group.put("sourceIPAddress", ip);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event("{\"eventName\": \"ConsoleLogin\", \"n\": " + i + "}", "2026-11-30T03:00:00Z"));
        }
        return Alert.correlated("burst", "Burst of failed sign-ins", Severity.MEDIUM, List.of("attack.credential_access", "attack.t1110"),
                "", "event_count", new Alert.Window(Instant.parse("2026-11-30T03:00:00Z"), Instant.parse(end)), group, events, 30,
                Optional.empty());
    }

    @Test
    void ocsfDetectionFindingCarriesEvidenceAttacksGroupAndWindow() throws IOException {
        JsonNode single = JSON.readTree(OCSF.line(single("root", "2026-11-30T10:00:00Z")));
        assertThat(single.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(single.path("type_uid").asInt()).isEqualTo(200401);
        assertThat(single.path("severity").asText()).isEqualTo("High");
        assertThat(single.path("finding_info").path("analytic").path("uid").asText()).isEqualTo("root");
        assertThat(single.path("finding_info").path("attacks").get(0).path("technique").path("uid").asText()).isEqualTo("T1078.004");
        assertThat(single.path("finding_info").path("attacks").get(0).path("tactics").get(0).path("name").asText())
                .isEqualTo("Privilege Escalation");
        assertThat(single.path("evidences").get(0).path("data").path("eventName").asText()).isEqualTo("ListBuckets");
        assertThat(single.path("evidences").get(0).path("location").asText()).isEqualTo("trail.json:7");
        assertThat(single.path("unmapped").path("response").path("steps")).hasSize(2);

        JsonNode correlated = JSON.readTree(OCSF.line(burst("192.0.2.44", "2026-11-30T03:04:00Z")));
        assertThat(correlated.path("unmapped").path("group_by").path("sourceIPAddress").asText()).isEqualTo("192.0.2.44");
        assertThat(correlated.path("unmapped").path("event_count").asInt()).isEqualTo(30);
        assertThat(correlated.path("evidences")).hasSize(Alert.MAX_EVIDENCE);
        assertThat(correlated.path("start_time").asLong()).isEqualTo(Instant.parse("2026-11-30T03:00:00Z").toEpochMilli());
        assertThat(correlated.path("message").asText())
                .isEqualTo("Burst of failed sign-ins (sourceIPAddress=192.0.2.44): 30 events from 2026-11-30T03:00:00Z to 2026-11-30T03:04:00Z");
    }

    @Test
    void webhookRetriesServerErrorsWithBackoffAndDelivers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        try (WebhookSink sink = new WebhookSink(uri, OCSF::line, "webhook", 10, 5, Duration.ofMillis(20), Duration.ofSeconds(5))) {
            sink.deliver(single("root", "2026-11-30T10:00:00Z"));
            waitFor(() -> sink.stats().delivered() == 1);
            assertThat(calls.get()).isEqualTo(3);
            assertThat(sink.stats().failed()).isZero();
            assertThat(sink.name()).isEqualTo("webhook http://127.0.0.1/...");
        }
        assertThat(JSON.readTree(bodies.get(2)).path("class_uid").asInt()).isEqualTo(2004);
    }

    @Test
    void aHangingOrFailingEndpointNeverHoldsDetectionUpAndIsCounted() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(204);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        try (WebhookSink sink = new WebhookSink(uri, OCSF::line, "webhook", 2, 5, Duration.ofMillis(20), Duration.ofSeconds(30))) {
            // The endpoint holds every request; deliver() only queues, so all fifty calls return
            // while it hangs: one alert in flight, two queued, the rest dropped and counted.
            for (int i = 0; i < 50; i++) {
                sink.deliver(single("root", "2026-11-30T10:00:00Z"));
            }
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(sink.stats().dropped()).isBetween(47L, 48L);
            status.set(400);
            release.countDown();
            waitFor(() -> sink.stats().failed() + sink.stats().dropped() == 50);
            assertThat(sink.stats().lastError()).contains("HTTP 400");
        }
        // Nobody listens on the port any more: connection errors are retried, then counted.
        int port = server.getAddress().getPort();
        server.stop(0);
        server = null;
        try (WebhookSink sink = new WebhookSink(URI.create("http://127.0.0.1:" + port + "/hook"), OCSF::line, "webhook", 10, 2,
                Duration.ofMillis(10), Duration.ofSeconds(2))) {
            sink.deliver(single("root", "2026-11-30T10:00:00Z"));
            waitFor(() -> sink.stats().failed() == 1);
            assertThat(sink.stats().lastError()).contains("ConnectException");
        }
        assertThatThrownBy(() -> WebhookSink.ocsf(URI.create("file:///etc/passwd"), OCSF)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slackMessagesEscapeEventText() throws IOException {
        Alert alert = Alert.single("r", "Pod <!channel> & <https://evil|click>", Severity.LOW, List.of(), "",
                event("{}", "2026-11-30T10:00:00Z"), Optional.empty());
        JsonNode message = JSON.readTree(SlackMessage.of(alert));
        assertThat(message.path("text").asText()).isEqualTo("[LOW] Pod &lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
        assertThat(message.path("blocks")).hasSize(2);
    }

    @Test
    void commandHookGetsTheAlertOnStandardInput() throws Exception {
        Path out = dir.resolve("alert.json");
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\ncat > '" + out + "'\necho \"$BULWARK_RULE_ID $BULWARK_SEVERITY\" >> '" + out + "'\n");
        script.toFile().setExecutable(true);
        try (CommandSink sink = new CommandSink(List.of(script.toString()), OCSF, Duration.ofSeconds(10))) {
            sink.deliver(single("root", "2026-11-30T10:00:00Z"));
            waitFor(() -> sink.stats().delivered() == 1);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(JSON.readTree(lines.get(0)).path("finding_info").path("analytic").path("uid").asText()).isEqualTo("root");
        assertThat(lines.get(1)).isEqualTo("root high");

        try (CommandSink failing = new CommandSink(List.of(dir.resolve("missing").toString()), OCSF, Duration.ofSeconds(5))) {
            failing.deliver(single("root", "2026-11-30T10:00:00Z"));
            waitFor(() -> failing.stats().failed() == 1);
            assertThat(failing.stats().lastError()).contains("cannot be started");
        }
    }

    @Test
    void duplicatesAndBurstsAreHeldBackByEventTime() throws IOException {
        AlertThrottle throttle = new AlertThrottle(Duration.ofMinutes(10), 3, Duration.ofHours(1));
        assertThat(throttle.admit(burst("192.0.2.1", "2026-11-30T03:04:00Z"))).isTrue();
        assertThat(throttle.admit(burst("192.0.2.1", "2026-11-30T03:08:00Z"))).isFalse();
        assertThat(throttle.admit(burst("192.0.2.1", "2026-11-30T03:15:00Z"))).isTrue();
        assertThat(throttle.admit(burst("192.0.2.2", "2026-11-30T03:16:00Z"))).isTrue();
        assertThat(throttle.admit(burst("192.0.2.3", "2026-11-30T03:17:00Z"))).isFalse();
        assertThat(throttle.admit(burst("192.0.2.3", "2026-11-30T04:05:00Z"))).isTrue();
        assertThat(throttle.duplicates()).isEqualTo(1);
        assertThat(throttle.throttled()).isEqualTo(1);
        assertThat(AlertThrottle.none().admit(burst("192.0.2.1", "2026-11-30T03:04:00Z"))).isTrue();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
