package dev.bulwark.cli;

import dev.bulwark.cli.bench.CorpusGenerator;
import dev.bulwark.cli.bench.InfrastructureCorpus;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ScanReport;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.scan.ScanListener;
import dev.bulwark.rules.scan.ScanOptions;
import dev.bulwark.rules.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark bench}: generates a corpus and scans it in-process with the full built-in rule
 * set, printing files/s, resources/s and rule evaluations/s. For end-to-end time including JVM
 * start, see {@code scripts/bench.sh}, which times the launcher on a corpus written with
 * {@code --generate-only}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, description = "Benchmark: generate a corpus of manifests, Dockerfiles, Terraform and CloudFormation and print scan throughput.")
final class BenchCommand implements Callable<Integer> {
    private final Platform platform;
    private final Terminal terminal;

    @Option(names = "--files", paramLabel = "N", description = "Kubernetes manifest files (3 objects each). Default: 10000.")
    int files = 10_000;

    @Option(names = "--dockerfiles", paramLabel = "N", description = "Dockerfiles. Default: 1000.")
    int dockerfiles = 1_000;

    @Option(names = "--terraform-modules", paramLabel = "N",
            description = "Terraform module folders (each called by a root stack with for_each over three keys). Default: 0.")
    int terraformModules = 0;

    @Option(names = "--files-per-module", paramLabel = "N", description = "Terraform files per module folder. Default: 25.")
    int filesPerModule = 25;

    @Option(names = "--modules-per-root", paramLabel = "N", description = "Modules each root stack calls. Default: 5.")
    int modulesPerRoot = 5;

    @Option(names = "--templates", paramLabel = "N", description = "CloudFormation templates (4 resources each). Default: 0.")
    int templates = 0;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured scans after one warm-up scan. Default: 3.")
    int iterations = 3;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of processors.")
    Integer threads;

    @Option(names = "--dir", paramLabel = "DIR", description = "Write the corpus here and keep it (default: a temporary folder, deleted afterwards).")
    Path dir;

    @Option(names = "--generate-only", description = "Only write the corpus to --dir.")
    boolean generateOnly;

    @Option(names = "--per-rule", description = "Also time each rule alone over every resource (single thread) and list the slowest.")
    boolean perRule;

    BenchCommand(Platform platform, Terminal terminal) {
        this.platform = platform;
        this.terminal = terminal;
    }

    private void timeRules(Path root, RuleSet rules) throws IOException {
        List<dev.bulwark.core.model.Resource> resources = new java.util.ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                for (dev.bulwark.core.spi.SourceAdapter adapter : platform.adapters()) {
                    if (adapter.acceptsName(name)) {
                        resources.addAll(adapter.adapt(new dev.bulwark.core.source.SourceFile(file.toString(),
                                java.util.Optional.of(file), Files.readString(file))).resources());
                        break;
                    }
                }
            }
        }
        java.util.Map<String, java.util.Map<String, Object>> scanVariables = new java.util.HashMap<>();
        for (dev.bulwark.core.spi.SourceAdapter adapter : platform.adapters()) {
            scanVariables.put(adapter.target(), adapter.scanVariables(resources.stream()
                    .filter(resource -> resource.target().equals(adapter.target())).toList()));
        }
        List<String[]> timings = new java.util.ArrayList<>();
        for (dev.bulwark.rules.Rule rule : rules.rules()) {
            long evaluations = 0;
            long start = System.nanoTime();
            for (int round = 0; round < 2; round++) {
                if (round == 1) {
                    start = System.nanoTime();
                    evaluations = 0;
                }
                for (dev.bulwark.core.model.Resource resource : resources) {
                    if (rule.appliesTo(resource.target(), resource.kind())) {
                        try {
                            dev.bulwark.rules.RuleEvaluator.evaluate(rule, resource, scanVariables.get(resource.target()));
                        } catch (dev.bulwark.rules.RuleEvaluator.EvaluationFailure e) {
                            // counted like a normal evaluation; the scan reports failures
                        }
                        evaluations++;
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            timings.add(new String[] {rule.id(), String.valueOf(evaluations == 0 ? 0 : nanos / evaluations), String.valueOf(evaluations)});
        }
        timings.sort((a, b) -> Long.compare(Long.parseLong(b[1]), Long.parseLong(a[1])));
        terminal.out().println("per rule, warm, one thread (ns per evaluation, evaluations):");
        for (String[] timing : timings) {
            terminal.out().printf(Locale.ROOT, "  %-12s %8s ns  %8s%n", timing[0], timing[1], timing[2]);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (files < 0 || dockerfiles < 0 || iterations < 1 || terraformModules < 0 || templates < 0 || filesPerModule < 3
                || modulesPerRoot < 1) {
            throw BulwarkException.userError("--files, --dockerfiles, --terraform-modules and --templates must be >= 0, "
                    + "--files-per-module >= 3, --modules-per-root and --iterations >= 1");
        }
        if (generateOnly && dir == null) {
            throw BulwarkException.userError("--generate-only needs --dir");
        }
        Path root = dir != null ? dir : Files.createTempDirectory("bulwark-bench");
        try {
            Files.createDirectories(root);
            CorpusGenerator.Corpus corpus = new CorpusGenerator(42).write(root, files, dockerfiles);
            terminal.out().printf(Locale.ROOT, "corpus: %d manifest files (%d objects), %d Dockerfiles in %s%n",
                    corpus.manifestFiles(), corpus.objects(), corpus.dockerfiles(), root);
            if (terraformModules > 0 || templates > 0) {
                InfrastructureCorpus.Corpus infrastructure = new InfrastructureCorpus(42).write(root, terraformModules, filesPerModule,
                        modulesPerRoot, templates);
                terminal.out().printf(Locale.ROOT, "corpus: %d Terraform files in %d modules called by %d root stacks, %d CloudFormation templates%n",
                        infrastructure.terraformFiles(), infrastructure.modules(), infrastructure.roots(), infrastructure.templates());
            }
            if (generateOnly) {
                return ExitCode.OK;
            }
            long loadStart = System.nanoTime();
            RuleSet rules = platform.loadRules(List.of(), true, terminal.err());
            terminal.out().printf(Locale.ROOT, "rules: %d loaded and compiled in %.0f ms%n", rules.size(),
                    (System.nanoTime() - loadStart) / 1e6);
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            ScanOptions options = new ScanOptions(List.of(root.toString()), dev.bulwark.core.config.BulwarkConfig.empty(),
                    List.of(), java.util.Optional.empty(), dev.bulwark.core.source.SourceReader.DEFAULT_MAX_BYTES, threadCount,
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            Scanner scanner = new Scanner(platform.adapters(), platform.analyzers(), rules, Platform.version(), terminal.in());
            for (int i = 0; i <= iterations; i++) {
                long start = System.nanoTime();
                ScanReport report = scanner.scan(options, ScanListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                long evaluations = report.resources().stream().mapToLong(resource -> resource.ruleIds().size()).sum();
                terminal.out().printf(Locale.ROOT,
                        "%s threads=%d: %.2f s, %,.0f files/s, %,.0f resources/s, %,.0f rule evaluations/s (%d findings)%n",
                        i == 0 ? "warm-up " : "run " + i + "   ", threadCount, seconds, report.filesScanned() / seconds,
                        report.resources().size() / seconds, evaluations / seconds, report.findings().size());
            }
            if (perRule) {
                timeRules(root, rules);
            }
            return ExitCode.OK;
        } finally {
            if (dir == null) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
