package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.findings.Baseline;
import dev.bulwark.core.findings.InlineSuppressions;
import dev.bulwark.rules.scan.FindingSuppressor;
import dev.bulwark.secrets.Detector;
import dev.bulwark.secrets.DetectorCatalog;
import dev.bulwark.secrets.SecretScanner;
import dev.bulwark.secrets.git.GitHistoryScanner;
import dev.bulwark.secrets.git.GitScanResult;
import dev.bulwark.secrets.git.GitScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark secrets --git PATH}: secrets in a repository's history, a range of it, or its
 * staged changes, written as a {@link ScanReport} in every report format.
 *
 * <p>Suppressions: {@code --baseline} (by fingerprint, the file {@code scan --write-baseline}
 * writes) and the {@code ignore} entries of the repository's {@code .bulwark.yaml} (paths are
 * repository paths), and inline {@code bulwark:ignore} comments in the file version that holds the
 * secret (a comment added in a later commit does not reach back).
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Scan a git repository for secrets: cloud keys, API tokens, private keys, JWTs, database URLs"
                + " and passwords (the built-in detectors; see bulwark-secrets/SECRETS.md).",
                "By default every commit reachable from any ref is scanned: branches, tags, remote branches, the"
                        + " stash and HEAD. Each secret is reported once per file, at the commit that added it, with"
                        + " the commit, author date, file and line; a secret removed by a later commit is still"
                        + " reported (it is in the history).",
                "--since REF scans only the commits not reachable from REF (for example origin/main in a pull"
                        + " request). --staged scans the staged changes against HEAD, for a pre-commit hook: secrets"
                        + " committed before are not reported.",
                "Binary files and files over --max-file-size are skipped; objects that cannot be read are"
                        + " reported as warnings and the scan goes on.",
                "Suppressions: --baseline (fingerprints of detector and secret, the file --write-baseline"
                        + " writes) and the ignore entries of PATH/.bulwark.yaml (paths within the repository)."
                        + " An inline bulwark:ignore comment applies when it is in the same file version as the"
                        + " secret: a comment added by a later commit does not hide a secret already committed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no unsuppressed secret at or above --fail-on", "1:secrets at or above --fail-on",
                "2:usage or fatal error"})
final class SecretsCommand implements Callable<Integer> {
    private final Terminal terminal;
    private final Function<String, String> environment;

    @Option(names = "--git", paramLabel = "PATH",
            description = "The repository: its working tree, any folder in it, or a bare repository.")
    Path gitPath;

    @Option(names = "--since", paramLabel = "REF",
            description = "Only commits not reachable from REF (a branch, tag, commit id or expression such as HEAD~10).")
    String since;

    @Option(names = "--staged", description = "Only the staged changes, compared with HEAD (for a pre-commit hook).")
    boolean staged;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "Output format: table, json, sarif, junit, html; '=FILE' writes to a file. Repeatable. Default: table.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when an unsuppressed secret is at or above SEVERITY (info, low, medium, high, critical, or never). Default: low.")
    String failOn = "low";

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only secrets whose fingerprint is not in this baseline (others are marked suppressed).")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write the secrets found as a baseline file, to accept them in later scans.")
    Path writeBaseline;

    @Option(names = "--threads", paramLabel = "N", description = "Threads scanning file contents. Default: the number of processors.")
    Integer threads;

    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "Skip file versions larger than SIZE (e.g. 10MB, 512k). Default: 10MB.")
    String maxFileSize = "10MB";

    @Option(names = "--no-color", description = "Never colour the table output (also: NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings (unreadable objects, partial history) to standard error.")
    boolean quiet;

    SecretsCommand(Terminal terminal, Function<String, String> environment) {
        this.terminal = terminal;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (gitPath == null) {
            throw BulwarkException.userError("missing --git PATH: 'bulwark secrets' scans a git repository, e.g."
                    + " 'bulwark secrets --git .' (add --staged in a pre-commit hook)");
        }
        if (since != null && staged) {
            throw BulwarkException.userError("--since and --staged cannot be combined: --since scans commits,"
                    + " --staged the changes not committed yet");
        }
        ReportOutputs outputs = ReportOutputs.parse(formats);
        FailThreshold threshold = FailThreshold.option(failOn);
        long maxBytes = ByteSize.maxFileSize(maxFileSize);
        int threadCount = WorkerThreads.of(threads);
        if (since != null && since.isBlank()) {
            throw BulwarkException.userError("--since needs a revision, e.g. --since origin/main");
        }
        Optional<Baseline> baseline = Optional.ofNullable(baselineFile).map(Baseline::read);
        // Configuration ignores (by rule and path), inline comments of the file version that holds
        // the secret, and the baseline apply as in 'scan'. Read before the scan: a bad file fails fast.
        Path configFile = gitPath.resolve(ConfigLoader.FILE_NAME);
        BulwarkConfig config = Files.isRegularFile(configFile) ? ConfigLoader.load(configFile) : BulwarkConfig.empty();
        FindingSuppressor suppressor = new FindingSuppressor(config, List.of(), LocalDate.now(ZoneOffset.UTC), baseline);

        Instant started = Instant.now();
        GitScanResult result = new GitHistoryScanner(SecretScanner.builtin(), maxBytes, threadCount)
                .scan(gitPath, scope());
        List<ScanWarning> warnings = new ArrayList<>(result.warnings());
        List<Finding> findings = new ArrayList<>(result.findings().size());
        for (Finding finding : result.findings()) {
            InlineSuppressions comments = result.commentsOf(finding);
            findings.add(suppressor.suppress(finding, comments, comments, finding.location().startLine(),
                    Map.of(), warnings));
        }
        suppressor.applyBaseline(findings);
        List<RuleInfo> rules = new ArrayList<>();
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            rules.add(detector.info());
        }
        ScanReport report = new ScanReport(Platform.version(), started, Duration.between(started, Instant.now()),
                findings, warnings, rules, List.of(), List.of(), (int) Math.min(Integer.MAX_VALUE, result.blobsScanned()));

        if (!quiet) {
            for (ScanWarning warning : report.warnings()) {
                terminal.err().println("warning: " + warning);
            }
            terminal.err().println(String.format(Locale.ROOT, "%s: %d %s, %d file versions (%.1f MB) scanned, %d skipped"
                    + " (binary or over %s)", staged ? "staged changes" : "history", result.commitsScanned(),
                    result.commitsScanned() == 1 ? "commit" : "commits", result.blobsScanned(),
                    result.bytesScanned() / 1e6, result.blobsSkipped(), maxFileSize));
        }
        return outputs.finish(report, terminal, noColor, writeBaseline, threshold);
    }

    /** The scope; a hook's {@code GIT_INDEX_FILE} (set by git during {@code commit -a}) is the index to read. */
    private GitScope scope() {
        if (since != null) {
            return GitScope.since(since);
        }
        if (!staged) {
            return GitScope.allRefs();
        }
        String indexFile = environment.apply("GIT_INDEX_FILE");
        return indexFile == null || indexFile.isBlank() ? GitScope.staged() : GitScope.staged(Path.of(indexFile));
    }
}
