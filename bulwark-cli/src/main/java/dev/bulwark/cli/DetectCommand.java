package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.detect.Detector;
import dev.bulwark.detect.Durations;
import dev.bulwark.detect.Pipeline;
import dev.bulwark.detect.Placeholders;
import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.alert.AlertSink;
import dev.bulwark.detect.alert.AlertThrottle;
import dev.bulwark.detect.alert.CommandSink;
import dev.bulwark.detect.alert.OcsfAlerts;
import dev.bulwark.detect.alert.WebhookSink;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.FieldMapping;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.source.LogFollower;
import dev.bulwark.detect.source.LogReader;
import dev.bulwark.detect.source.ReadOptions;
import dev.bulwark.detect.source.ReadSummary;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark detect PATH...}: reads CloudTrail, Kubernetes audit and VPC flow logs (files,
 * folders, {@code -} for standard input, or a growing file with {@code --follow}), runs the
 * built-in detections and the Sigma rules of {@code --rules} folders, and writes alerts as they
 * happen: to the terminal, as OCSF JSON lines, and to webhooks, Slack and a command.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run Sigma detections over audit logs: CloudTrail, Kubernetes audit, VPC flow logs, JSON lines.",
                "PATH is a log file, a folder of them (as AWS writes CloudTrail to S3), or '-' for standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no alert at or above --fail-on", "1:alerts at or above --fail-on", "2:usage or fatal error"})
final class DetectCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Log files or folders; '-' reads standard input.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "DIR", description = "A folder (or file) of Sigma rules to run as well. Repeatable.")
    List<Path> ruleFolders = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Run only the rules of --rules.")
    boolean noBuiltin;

    @Option(names = "--follow", description = "Keep reading the file as it grows (one file), like tail -f; stop with Ctrl-C.")
    boolean follow;

    @Option(names = "--follow-for", paramLabel = "DURATION",
            description = "With --follow: stop after DURATION (e.g. 55m for a job that runs every hour) instead of at Ctrl-C.")
    String followFor;

    @Option(names = "--logsource", paramLabel = "PRODUCT/SERVICE",
            description = "Read every input as this log source (e.g. aws/cloudtrail, kubernetes/audit, okta/okta) instead of detecting it.")
    String logsource;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "table or json (OCSF detection findings, one per line); '=FILE' writes to a file. Repeatable. Default: table.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when an alert is at or above SEVERITY (info, low, medium, high, critical, or never). Default: low.")
    String failOn = "low";

    @Option(names = "--respond", description = "Print each alert's response playbook (steps and commands) with it.")
    boolean respond;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST each alert (OCSF JSON) to URL, with retries. Repeatable.")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--slack", paramLabel = "URL", description = "Send each alert to a Slack-compatible incoming webhook. Repeatable.")
    List<String> slackHooks = new ArrayList<>();

    @Option(names = "--exec", paramLabel = "COMMAND",
            description = "Run COMMAND for each alert with its OCSF JSON on standard input (split at spaces, no shell).")
    String exec;

    @Option(names = "--dedup", paramLabel = "DURATION",
            description = "Drop an alert of the same rule and group (or event) seen less than DURATION before, e.g. 10m. Default: 0 (off).")
    String dedup = "0s";

    @Option(names = "--throttle", paramLabel = "N/DURATION",
            description = "At most N alerts per rule per DURATION, e.g. 20/1h. Default: no limit.")
    String throttle;

    @Option(names = "--field-mapping", paramLabel = "FILE", description = "Map rule field names to the names in your logs (YAML).")
    Path fieldMappingFile;

    @Option(names = "--placeholders", paramLabel = "FILE", description = "Values for the %%name%% placeholders of |expand (YAML: name: [values]).")
    Path placeholdersFile;

    @Option(names = "--lateness", paramLabel = "DURATION",
            description = "How late (in event time) an event may arrive and still count in its correlation window. Default: 1m.")
    String lateness = "1m";

    @Option(names = "--threads", paramLabel = "N", description = "Threads that evaluate rules. Default: the number of processors.")
    Integer threads;

    @Option(names = "--strict-rules", description = "Stop when a rule cannot be loaded, instead of warning and running the others.")
    boolean strictRules;

    @Option(names = "--no-color", description = "Never colour the table output (also: NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings about the input or the rules to standard error.")
    boolean quiet;

    DetectCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Instant started = Instant.now();
        FailThreshold threshold = FailThreshold.option(failOn);
        if (paths.isEmpty()) {
            throw BulwarkException.userError("give log files or folders to read, or '-' for standard input (bulwark detect --help)");
        }
        if (followFor != null && !follow) {
            throw BulwarkException.userError("--follow-for goes with --follow");
        }
        if (follow && (paths.size() != 1 || paths.get(0).equals("-") || !Files.isRegularFile(Path.of(paths.get(0))))) {
            throw BulwarkException.userError("--follow reads one growing log file; give exactly one file");
        }
        for (String path : paths) {
            if (!path.equals("-") && !Files.exists(Path.of(path))) {
                throw BulwarkException.userError("path not found: " + path);
            }
        }
        AlertThrottle gate = new AlertThrottle(duration("--dedup", dedup), throttleCount(), throttlePeriod());
        ReadOptions readOptions = ReadOptions.defaults();
        if (logsource != null) {
            try {
                readOptions = readOptions.withLogSource(LogSource.parse(logsource));
            } catch (IllegalArgumentException e) {
                throw BulwarkException.userError("--logsource: " + e.getMessage());
            }
        }
        int threadCount = WorkerThreads.of(threads);
        Detector detector = Detector.of(rules(), sigmaOptions(), duration("--lateness", lateness));
        if (detector.rules().isEmpty()) {
            throw BulwarkException.userError("no detection rule to run" + (noBuiltin ? ": --no-builtin needs --rules with loadable rules" : ""));
        }
        List<AlertSink> sinks = sinks();
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        long[] warnings = {0};
        boolean[] failed = {false};
        LogReader reader = new LogReader(readOptions);
        CountDownLatch finished = new CountDownLatch(1);
        try (AlertOutputs outputs = AlertOutputs.open(formats, terminal, noColor, respond, Platform.version())) {
            Consumer<Alert> emit = alert -> {
                if (!gate.admit(alert)) {
                    return;
                }
                counts.merge(alert.severity(), 1L, Long::sum);
                failed[0] |= threshold.fails(alert.severity());
                outputs.write(alert);
                for (AlertSink sink : sinks) {
                    sink.deliver(alert);
                }
            };
            // Files: a reader thread parses batches while this thread (and, beyond two cores, more)
            // runs the rules of the last one. A followed file: event by event, as lines are written.
            ExecutorService pool = Executors.newFixedThreadPool(threadCount, runnable -> {
                Thread thread = new Thread(runnable, "bulwark-detect");
                thread.setDaemon(true);
                return thread;
            });
            Consumer<LogEvent> events = event -> detector.accept(event).forEach(emit);
            Consumer<ScanWarning> warn = warning -> {
                warnings[0]++;
                if (!quiet) {
                    terminal.err().println("warning: " + warning);
                }
            };
            long inputs = 0;
            if (follow) {
                LogFollower follower = reader.follow(Path.of(paths.get(0)), LogFollower.Start.BEGINNING, events, warn);
                // Ctrl-C stops following; the hook then waits (a little) for the windows to close and the summary to print.
                Thread stop = new Thread(() -> {
                    follower.close();
                    try {
                        finished.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bulwark-detect-stop");
                Runtime.getRuntime().addShutdownHook(stop);
                if (followFor != null) {
                    long millis = duration("--follow-for", followFor).toMillis();
                    Thread timer = new Thread(() -> {
                        try {
                            Thread.sleep(millis);
                        } catch (InterruptedException e) {
                            return;
                        }
                        follower.close();
                    }, "bulwark-detect-follow-for");
                    timer.setDaemon(true);
                    timer.start();
                }
                ReadSummary summary;
                try {
                    summary = follower.run();
                } finally {
                    Runtime.getRuntime().removeShutdownHook(stop);
                }
                inputs = summary.inputs();
            } else {
                long[] read = {0};
                Pipeline.run(sink -> {
                    for (String path : paths) {
                        read[0] += reader.read(path, terminal.in(), sink, warn).inputs();
                    }
                }, detector, pool, Math.max(0, threadCount - 2), emit);
                inputs = read[0];
            }
            pool.shutdownNow();
            detector.flush().forEach(emit);
            for (AlertSink sink : sinks) {
                sink.close();
                AlertSink.Stats stats = sink.stats();
                if (stats.failed() + stats.dropped() > 0) {
                    terminal.err().println("warning: " + sink.name() + ": " + stats.delivered() + " delivered, " + stats.failed() + " failed, "
                            + stats.dropped() + " dropped" + (stats.lastError().isEmpty() ? "" : " (last error: " + stats.lastError() + ")"));
                }
            }
            outputs.summary(summary(counts, detector, inputs, warnings[0], gate, started));
        } finally {
            finished.countDown();
            for (AlertSink sink : sinks) {
                sink.close();
            }
        }
        return failed[0] ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private SigmaOptions options;

    private SigmaOptions sigmaOptions() {
        return options;
    }

    private RulePack rules() {
        SigmaOptions options = SigmaOptions.defaults();
        if (fieldMappingFile != null) {
            FieldMapping.Result mapping = FieldMapping.load(text(fieldMappingFile, "--field-mapping"), fieldMappingFile.toString());
            if (!mapping.problems().isEmpty()) {
                throw BulwarkException.userError("--field-mapping: " + mapping.problems().get(0));
            }
            options = options.withFieldMapping(mapping.mapping());
        }
        if (placeholdersFile != null) {
            try {
                options = options.withPlaceholders(Placeholders.load(text(placeholdersFile, "--placeholders"), placeholdersFile.toString()));
            } catch (IllegalArgumentException e) {
                throw BulwarkException.userError("--placeholders: " + e.getMessage());
            }
        }
        this.options = options;
        SigmaLoader loader = new SigmaLoader(options);
        RulePack pack = noBuiltin ? RulePack.empty() : RulePack.builtin(loader);
        if (!ruleFolders.isEmpty()) {
            pack = pack.plus(RulePack.load(ruleFolders, loader));
        }
        Detector check = Detector.of(pack, options, Detector.DEFAULT_LATENESS);
        List<SigmaProblem> errors = check.problems().stream().filter(SigmaProblem::isError).toList();
        if (strictRules && !errors.isEmpty()) {
            StringBuilder message = new StringBuilder("rules that cannot be loaded:");
            for (SigmaProblem problem : errors) {
                message.append(System.lineSeparator()).append("  ").append(problem);
            }
            throw BulwarkException.userError(message.toString());
        }
        if (!quiet) {
            for (SigmaProblem problem : check.problems()) {
                terminal.err().println(problem.isError() ? "warning: rule not loaded: " + problem : "warning: " + problem);
            }
        }
        return pack;
    }

    private List<AlertSink> sinks() {
        List<AlertSink> sinks = new ArrayList<>();
        OcsfAlerts json = new OcsfAlerts(Platform.version());
        for (String url : webhooks) {
            sinks.add(webhook("--webhook", url, uri -> WebhookSink.ocsf(uri, json)));
        }
        for (String url : slackHooks) {
            sinks.add(webhook("--slack", url, WebhookSink::slack));
        }
        if (exec != null) {
            List<String> command = List.of(exec.trim().split("\\s+"));
            if (command.isEmpty() || command.get(0).isEmpty()) {
                throw BulwarkException.userError("--exec needs a command");
            }
            sinks.add(new CommandSink(command, json, Duration.ofSeconds(30)));
        }
        return sinks;
    }

    /** A webhook sink for {@code text}; the sink decides which URLs it accepts, this says which option was wrong. */
    private static AlertSink webhook(String option, String text, java.util.function.Function<URI, AlertSink> sink) {
        try {
            return sink.apply(new URI(text));
        } catch (URISyntaxException e) {
            throw BulwarkException.userError(option + ": not a URL: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BulwarkException.userError(option + ": " + e.getMessage());
        }
    }

    private int throttleCount() {
        if (throttle == null) {
            return Integer.MAX_VALUE;
        }
        String[] parts = throttle.split("/", 2);
        try {
            int count = Integer.parseInt(parts[0].trim());
            if (count < 1 || parts.length != 2) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw BulwarkException.userError("--throttle: N/DURATION with N at least 1, e.g. 20/1h, not '" + throttle + "'");
        }
    }

    private Duration throttlePeriod() {
        if (throttle == null) {
            return Duration.ofDays(1);
        }
        String[] parts = throttle.split("/", 2);
        Duration period = duration("--throttle", parts.length == 2 ? parts[1] : "");
        if (period.isZero()) {
            throw BulwarkException.userError("--throttle: the period must be positive, e.g. 20/1h");
        }
        return period;
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, or {@code 0}. */
    static Duration duration(String option, String text) {
        String value = text.trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        return Durations.parse(value).orElseThrow(() -> BulwarkException.userError(
                option + ": a duration such as 30s, 10m, 1h or 2d, not '" + text + "'"));
    }

    private static String text(Path file, String option) {
        try {
            if (Files.size(file) > 4L * 1024 * 1024) {
                throw BulwarkException.userError(option + ": " + file + " is larger than 4 MB");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw BulwarkException.userError(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String summary(Map<Severity, Long> counts, Detector detector, long inputs, long warnings, AlertThrottle gate,
                                  Instant started) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "Alerts: %d critical, %d high, %d medium, %d low, %d info (%d total) from %,d events in %d %s; "
                        + "%d rules, %.1f s", counts.getOrDefault(Severity.CRITICAL, 0L), counts.getOrDefault(Severity.HIGH, 0L),
                counts.getOrDefault(Severity.MEDIUM, 0L), counts.getOrDefault(Severity.LOW, 0L), counts.getOrDefault(Severity.INFO, 0L), total,
                detector.events(), inputs, inputs == 1 ? "input" : "inputs", detector.rules().size(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        if (gate.duplicates() + gate.throttled() > 0) {
            text.append(String.format(Locale.ROOT, "; %d duplicates and %d over the throttle held back", gate.duplicates(), gate.throttled()));
        }
        if (warnings > 0) {
            text.append("; ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        return text.append(System.lineSeparator()).toString();
    }
}
