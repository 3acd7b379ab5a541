package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.iam.account.AccountAnalysis;
import dev.bulwark.iam.account.AccountExport;
import dev.bulwark.iam.account.AccountExportReader;
import dev.bulwark.iam.account.AnalysisOptions;
import dev.bulwark.iam.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark iam analyze FILE}: reads the output of
 * {@code aws iam get-account-authorization-details} and reports administrators, escalation paths,
 * wide data access and risky trust. Exit codes as for {@code scan}; the default threshold is
 * {@code high}, since the lower severities (data reads on every resource, blocked paths) are for
 * review rather than for failing a pipeline.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Analyze an AWS account's IAM: administrators, privilege escalation paths, wide data access, risky trust.",
                "FILE is the output of 'aws iam get-account-authorization-details' ('-' reads standard input)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on", "2:usage or fatal error"})
final class IamAnalyzeCommand implements Callable<Integer> {
    private static final long DEFAULT_MAX_SIZE = 1024L * 1024 * 1024;

    private final Platform platform;
    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The export: aws iam get-account-authorization-details > FILE.")
    String file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "Output format: table, json, sarif, junit, html; '=FILE' writes to a file. Repeatable. Default: table.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at or above SEVERITY (info, low, medium, high, critical, or never). Default: high.")
    String failOn = "high";

    @Option(names = "--scp", paramLabel = "FILE",
            description = "Service control policies of one level of the organization (a policy document or a JSON list of them); "
                    + "every level must allow an action. Repeatable, one file per level.")
    List<Path> scpFiles = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "ARN-OR-GLOB",
            description = "Report only on principals whose ARN or name matches (wildcards *), e.g. 'role/ci-*' or 'alice'. "
                    + "Repeatable. All principals still count as steps of paths.")
    List<String> principals = new ArrayList<>();

    @Option(names = "--no-blocked", description = "Do not report escalation paths that a Deny, condition, boundary or SCP blocks (BW-IAM-011).")
    boolean noBlocked;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of processors.")
    Integer threads;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Refuse exports larger than SIZE. Default: 1GB.")
    String maxFileSize;

    @Option(names = "--no-color", description = "Never colour the table output (also: NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings about the input to standard error.")
    boolean quiet;

    IamAnalyzeCommand(Platform platform, Terminal terminal) {
        this.platform = platform;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Instant started = Instant.now();
        ReportOutputs outputs = ReportOutputs.parse(formats);
        FailThreshold threshold = FailThreshold.option(failOn);
        long maxBytes = maxFileSize == null ? DEFAULT_MAX_SIZE : ByteSize.maxFileSize(maxFileSize);
        int threadCount = WorkerThreads.of(threads);
        for (String principal : principals) {
            if (principal.isBlank()) {
                throw BulwarkException.userError("--principal needs an ARN, a name or a glob such as 'role/ci-*'");
            }
        }

        AccountExportReader reader = new AccountExportReader();
        List<ScanWarning> warnings = new ArrayList<>();
        List<List<Policy>> levels = new ArrayList<>();
        for (Path scp : scpFiles) {
            if (!Files.isRegularFile(scp)) {
                throw BulwarkException.userError("--scp: file not found: " + scp);
            }
            SourceFile source = InputText.read(scp, FileWalker.display(scp), maxBytes);
            AccountExportReader.ScpLevel level = reader.readServiceControlPolicies(source.content(), source.displayPath());
            warnings.addAll(level.warnings());
            if (level.policies().isEmpty()) {
                throw BulwarkException.userError("--scp " + scp + ": no policy could be read"
                        + (level.warnings().isEmpty() ? "" : ": " + level.warnings().get(0)));
            }
            levels.add(level.policies());
        }
        SourceFile source = file.equals("-") ? InputText.read(terminal.in(), maxBytes) : InputText.read(Path.of(file), FileWalker.display(Path.of(file)), maxBytes);
        String name = source.displayPath();
        AccountExport export = reader.read(source.content(), name);
        if (export.principals().isEmpty() && export.policies().isEmpty() && !export.warnings().isEmpty()) {
            StringBuilder message = new StringBuilder("nothing could be analyzed in " + name + ":");
            for (ScanWarning warning : export.warnings()) {
                message.append(System.lineSeparator()).append("  ").append(warning);
            }
            throw BulwarkException.userError(message.toString());
        }
        warnings.addAll(export.warnings());
        warnings.sort(null);

        AnalysisOptions options = new AnalysisOptions(levels, principals, !noBlocked, threadCount);
        AccountAnalysis analysis = platform.accountAnalyzer().analyze(export, options);
        if (!principals.isEmpty() && analysis.resources().isEmpty()) {
            throw BulwarkException.userError("--principal " + String.join(", ", principals) + " matches no user, group or role in " + name);
        }
        ScanReport report = new ScanReport(Platform.version(), started, Duration.between(started, Instant.now()), analysis.findings(),
                warnings, analysis.rules(), analysis.resources(), List.of(), 1 + scpFiles.size());
        if (!quiet) {
            for (ScanWarning warning : warnings) {
                terminal.err().println("warning: " + warning);
            }
        }
        outputs.write(report, terminal, noColor);
        for (Finding finding : report.findings()) {
            if (!finding.isSuppressed() && threshold.fails(finding.severity())) {
                return ExitCode.FINDINGS;
            }
        }
        return ExitCode.OK;
    }
}
