package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.detect.Detector;
import dev.bulwark.detect.Pipeline;
import dev.bulwark.detect.RulePack;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.detect.bench.SampleLogs;
import dev.bulwark.detect.correlation.CorrelationEngine;
import dev.bulwark.detect.correlation.CorrelationLoader;
import dev.bulwark.detect.correlation.CorrelationSet;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.Match;
import dev.bulwark.detect.sigma.SigmaRule;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.sigma.SigmaEngine;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.source.LogReader;
import dev.bulwark.detect.source.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark detect bench}: events per second of detection on generated logs. Reading
 * (parse only) from a JSON lines file, then the Sigma engine over the parsed events with the
 * built-in pack and with a generated pack of rules, on one thread and on every worker thread,
 * for CloudTrail and for Kubernetes audit events; reading and detecting end to end; and an
 * event_count correlation over prebuilt matches.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark detection: parse-only and detection events/s on generated CloudTrail and Kubernetes audit logs.")
final class DetectBenchCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--events", paramLabel = "N", description = "Generated events per log source. Default: 500000.")
    int events = 500_000;

    @Option(names = "--rules", paramLabel = "N", description = "Rules in the generated pack. Default: 1000.")
    int rules = 1_000;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured runs after one warm-up run. Default: 3.")
    int iterations = 3;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for the parallel runs. Default: the number of processors.")
    Integer threads;

    DetectBenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (events < 1 || events > 20_000_000 || rules < 0 || rules > 100_000 || iterations < 1) {
            throw BulwarkException.userError("--events 1..20000000, --rules 0..100000 and --iterations >= 1");
        }
        int threadCount = WorkerThreads.of(threads);
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        Detector builtin = Detector.of(RulePack.builtin(loader));
        RulePack generatedPack = rulesPack(loader);
        Detector generated = Detector.of(generatedPack);
        if (!generated.problems().isEmpty()) {
            throw new IllegalStateException("the generated rule pack does not load: " + generated.problems().get(0));
        }
        Path dir = Files.createTempDirectory("bulwark-detect-bench");
        try {
            List<LogEvent> cloudTrail = run("CloudTrail", SampleLogs.cloudTrail(events, 42, start), dir.resolve("cloudtrail.jsonl"));
            measure("CloudTrail, built-in pack (" + builtin.rules().size() + " rules)", builtin.engine(), cloudTrail, threadCount);
            measure("CloudTrail, generated pack (" + generated.rules().size() + " rules)", generated.engine(), cloudTrail, threadCount);
            endToEnd(dir.resolve("cloudtrail.jsonl"), RulePack.builtin(loader), "built-in pack with correlations", threadCount);
            endToEnd(dir.resolve("cloudtrail.jsonl"), generatedPack, "generated pack (" + generated.rules().size() + " rules)", threadCount);
            correlations(loader, start);
            cloudTrail = null;
            List<LogEvent> audit = run("Kubernetes audit", SampleLogs.kubernetesAudit(events, 7, start), dir.resolve("audit.jsonl"));
            measure("Kubernetes audit, built-in pack (" + builtin.rules().size() + " rules)", builtin.engine(), audit, threadCount);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
        return ExitCode.OK;
    }

    /**
     * Read and detect with the whole built-in pack (correlations included), as bulwark detect does:
     * on one thread, then with reading overlapped with the rules of each batch on every worker thread.
     */
    private void endToEnd(Path file, RulePack pack, String label, int threadCount) {
        LogReader reader = new LogReader(ReadOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            for (int threadsUsed : new int[] {1, threadCount}) {
                for (int run = 0; run <= iterations; run++) {
                    Detector detector = Detector.of(pack);
                    long[] alerts = {0};
                    long begin = System.nanoTime();
                    if (threadsUsed == 1) {
                        reader.read(file, event -> alerts[0] += detector.accept(event).size(), warning -> { });
                    } else {
                        Pipeline.run(sink -> reader.read(file, sink, warning -> { }), detector, pool, Math.max(0, threadCount - 2),
                                alert -> alerts[0]++);
                    }
                    alerts[0] += detector.flush().size();
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    terminal.out().printf(Locale.ROOT, "%s CloudTrail, read + %s, %d %s: %,.0f events/s (%,d alerts)%n",
                            tag(run), label, threadsUsed, threadsUsed == 1 ? "thread " : "threads", detector.events() / seconds, alerts[0]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An event_count correlation over prebuilt matches (500 source addresses, one millisecond
     * apart, a threshold of 500 in five minutes): the correlation engine alone, one thread.
     */
    private void correlations(SigmaLoader loader, Instant start) {
        SigmaLoader.Result load = loader.load("""
                title: Access denied
                name: access_denied
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {errorCode: AccessDenied}
                  condition: selection
                ---
                title: Burst of denied calls
                id: burst
                correlation:
                  type: event_count
                  rules: [access_denied]
                  group-by: [sourceIPAddress]
                  timespan: 5m
                  condition: {gte: 500}
                """, "bench-correlation.yml");
        CorrelationSet set = CorrelationLoader.resolve(List.of(load));
        SigmaRule rule = set.rules().get(0);
        Match[] matches = new Match[events];
        for (int i = 0; i < events; i++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("eventName", "ListBuckets").put("errorCode", "AccessDenied").put("sourceIPAddress", "192.0.2." + (i % 500));
            matches[i] = new Match(rule, new LogEvent(body, LogSource.CLOUDTRAIL, Optional.of(start.plusMillis(i)), "bench", i));
        }
        for (int run = 0; run <= iterations; run++) {
            CorrelationEngine engine = CorrelationEngine.builder(set).build();
            long[] alerts = {0};
            long begin = System.nanoTime();
            for (Match match : matches) {
                engine.accept(match, alert -> alerts[0]++);
            }
            engine.flush(alert -> alerts[0]++);
            double seconds = (System.nanoTime() - begin) / 1e9;
            terminal.out().printf(Locale.ROOT, "%s event_count correlation (500 groups), 1 thread:  %,.0f events/s (%,d alerts)%n", tag(run),
                    events / seconds, alerts[0]);
        }
    }

    private RulePack rulesPack(SigmaLoader loader) {
        return rules == 0 ? RulePack.empty() : RulePack.load(List.of(), loader).plus(
                new RulePack(loader.load(SampleLogs.rulePack(rules, 1), "generated.yml").rules(), List.of(), List.of()));
    }

    /** Writes the lines, measures reading them (parse only), and returns the events, parsed once. */
    private List<LogEvent> run(String label, List<String> lines, Path file) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        long bytes = Files.size(file);
        LogReader reader = new LogReader(ReadOptions.defaults());
        for (int run = 0; run <= iterations; run++) {
            long begin = System.nanoTime();
            long count = LogReader.countEvents(file);
            double seconds = (System.nanoTime() - begin) / 1e9;
            terminal.out().printf(Locale.ROOT, "%s %s, parse only:  %,.0f events/s (%,d events, %.1f MB/s)%n", tag(run), label,
                    count / seconds, count, bytes / seconds / 1e6);
        }
        List<LogEvent> parsed = new ArrayList<>(lines.size());
        reader.read(file, parsed::add, warning -> { });
        return parsed;
    }

    private void measure(String label, SigmaEngine engine, List<LogEvent> events, int threadCount) throws Exception {
        for (int run = 0; run <= iterations; run++) {
            long begin = System.nanoTime();
            long matches = 0;
            for (LogEvent event : events) {
                matches += engine.evaluate(event).size();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            terminal.out().printf(Locale.ROOT, "%s %s, 1 thread:  %,.0f events/s (%,d matches)%n", tag(run), label, events.size() / seconds,
                    matches);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            for (int run = 0; run <= iterations; run++) {
                long begin = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                int slice = (events.size() + threadCount - 1) / threadCount;
                for (int t = 0; t < threadCount; t++) {
                    List<LogEvent> part = events.subList(Math.min(events.size(), t * slice), Math.min(events.size(), (t + 1) * slice));
                    parts.add(pool.submit(() -> {
                        long found = 0;
                        for (LogEvent event : part) {
                            found += engine.evaluate(event).size();
                        }
                        return found;
                    }));
                }
                long matches = 0;
                for (Future<Long> part : parts) {
                    matches += part.get();
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                terminal.out().printf(Locale.ROOT, "%s %s, %d threads: %,.0f events/s (%,d matches)%n", tag(run), label, threadCount,
                        events.size() / seconds, matches);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String tag(int run) {
        return run == 0 ? "warm-up" : "run " + run + "  ";
    }
}
