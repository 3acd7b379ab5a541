package dev.bulwark.detect.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLogFollower {
    private static final long TIMEOUT_SECONDS = 10;
    private final BlockingQueue<LogEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<ScanWarning> warnings = new LinkedBlockingQueue<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @TempDir
    Path folder;

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static String event(String name) {
        return "{\"eventVersion\":\"1.09\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"" + name
                + "\",\"eventTime\":\"2026-11-30T08:00:00Z\"}";
    }

    private LogFollower follower(Path file, ReadOptions options, LogFollower.Start start) {
        return new LogFollower(file, options, start, Duration.ofMillis(20), events::add, warnings::add);
    }

    private LogEvent next() throws InterruptedException {
        LogEvent event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("an event within " + TIMEOUT_SECONDS + " s").isNotNull();
        return event;
    }

    private ScanWarning nextWarning() throws InterruptedException {
        ScanWarning warning = warnings.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(warning).as("a warning within " + TIMEOUT_SECONDS + " s").isNotNull();
        return warning;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void appendedLinesArriveAndAPartialLineWaitsForItsEnd() throws Exception {
        Path file = folder.resolve("trail.jsonl");
        append(file, event("CreateUser") + "\n");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.BEGINNING);
        Future<ReadSummary> running = executor.submit(follower::run);

        assertThat(next().field("eventName").asText()).isEqualTo("CreateUser");
        append(file, event("AttachUserPolicy") + "\n" + event("CreateAccessKey").substring(0, 30));
        LogEvent second = next();
        assertThat(second.field("eventName").asText()).isEqualTo("AttachUserPolicy");
        assertThat(second.line()).isEqualTo(2);
        assertThat(second.source()).isEqualTo(LogSource.CLOUDTRAIL);
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("half a line is no event").isNull();
        append(file, event("CreateAccessKey").substring(30) + "\n");
        assertThat(next().field("eventName").asText()).isEqualTo("CreateAccessKey");

        follower.close();
        ReadSummary summary = running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(summary.events()).isEqualTo(3);
        assertThat(summary.bytes()).isEqualTo(Files.size(file));
        assertThat(warnings).isEmpty();
    }

    @Test
    void startingAtTheEndSkipsWhatIsThereAndAnUnfinishedLineIsReadOnStop() throws Exception {
        Path file = folder.resolve("trail.jsonl");
        append(file, event("Old") + "\n");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.END);
        Future<ReadSummary> running = executor.submit(follower::run);
        Thread.sleep(100);
        append(file, event("New") + "\n" + event("Unfinished"));
        assertThat(next().field("eventName").asText()).isEqualTo("New");
        follower.close();
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(next().field("eventName").asText()).isEqualTo("Unfinished");
        assertThat(events).isEmpty();
    }

    @Test
    void truncationIsAWarningAndReadingStartsAgain() throws Exception {
        Path file = folder.resolve("audit.log");
        append(file, event("First") + "\n" + event("Second") + "\n");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.BEGINNING);
        Future<ReadSummary> running = executor.submit(follower::run);
        next();
        next();
        Files.writeString(file, "");
        ScanWarning warning = nextWarning();
        assertThat(warning.toString()).matches(".*audit\\.log: file shrank from \\d+ to 0 bytes \\(truncated\\); reading it again from the start");
        append(file, event("AfterTruncation") + "\n");
        LogEvent after = next();
        assertThat(after.field("eventName").asText()).isEqualTo("AfterTruncation");
        assertThat(after.line()).isEqualTo(1);
        follower.close();
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void rotationReadsTheOldFileToItsEndThenTheNewOne() throws Exception {
        Path file = folder.resolve("flows.log");
        append(file, "version srcaddr dstaddr dstport start action\n2 10.0.0.1 10.0.0.2 22 1764489600 ACCEPT\n");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.BEGINNING);
        Future<ReadSummary> running = executor.submit(follower::run);
        LogEvent first = next();
        assertThat(first.source()).isEqualTo(LogSource.VPC_FLOW);
        assertThat(first.field("dstport").asInt()).isEqualTo(22);

        Path rotated = folder.resolve("flows.log.1");
        Files.move(file, rotated, StandardCopyOption.ATOMIC_MOVE);
        append(rotated, "2 10.0.0.1 10.0.0.2 3389 1764489601 REJECT\n");
        Files.writeString(file, "version srcaddr dstaddr dstport start action\n2 10.0.0.3 10.0.0.4 443 1764489700 ACCEPT\n");
        assertThat(next().field("dstport").asInt()).isEqualTo(3389);
        LogEvent fresh = next();
        assertThat(fresh.field("dstport").asInt()).isEqualTo(443);
        assertThat(fresh.line()).isEqualTo(2);
        follower.close();
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFileThatDoesNotExistYetIsWaitedFor() throws Exception {
        Path file = folder.resolve("later.jsonl");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.END);
        Future<ReadSummary> running = executor.submit(follower::run);
        assertThat(nextWarning().message()).isEqualTo("no such file yet; waiting for it");
        append(file, event("Created") + "\n");
        assertThat(next().field("eventName").asText()).isEqualTo("Created");
        follower.close();
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void gzipCannotBeFollowed() throws Exception {
        Path file = folder.resolve("trail.json.gz");
        Files.write(file, TestingLogs.gzip((event("A") + "\n").getBytes(UTF_8)));
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.BEGINNING);
        ReadSummary summary = executor.submit(follower::run).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(summary.events()).isZero();
        assertThat(nextWarning().message()).isEqualTo("a gzip file cannot be followed; read it without following");
    }

    @Test
    void anInterruptStopsFollowing() throws Exception {
        Path file = folder.resolve("trail.jsonl");
        append(file, event("A") + "\n");
        LogFollower follower = follower(file, ReadOptions.defaults(), LogFollower.Start.BEGINNING);
        Future<ReadSummary> running = executor.submit(follower::run);
        next();
        running.cancel(true);
        executor.shutdown();
        assertThat(executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
}
