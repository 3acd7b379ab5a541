package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.findings.Baseline;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.scan.ScanListener;
import dev.bulwark.rules.scan.ScanOptions;
import dev.bulwark.rules.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Scan Terraform, CloudFormation, Kubernetes manifests and Dockerfiles for misconfigurations.",
                "PATH is a file or folder (default: the current folder); '-' reads standard input, e.g. 'helm template ./chart | bulwark scan -'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no unsuppressed finding at or above --fail-on", "1:findings at or above --fail-on", "2:usage or fatal error"})
final class ScanCommand implements Callable<Integer> {
    private final Platform platform;
    private final Terminal terminal;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to scan, or '-' for standard input.")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "Output format: table, json, sarif, junit, html; '=FILE' writes to a file. Repeatable. Default: table.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--scanners", paramLabel = "NAME[,NAME]", split = ",",
            description = "Engines to run: misconfig (rules and identity analysis over Terraform, CloudFormation, "
                    + "Kubernetes, Dockerfiles), secret (credentials in every text file). Default: all.")
    List<String> scanners = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when an unsuppressed finding is at or above SEVERITY (info, low, medium, high, critical, or never). Default: low.")
    String failOn;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folder. Repeatable.")
    List<Path> ruleFolders = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Run only the rules of --rules folders.")
    boolean noBuiltinRules;

    @Option(names = "--framework", paramLabel = "ID",
            description = "Only run rules mapped to this framework (e.g. cis-kubernetes, pss-restricted, nist-800-53-r5) and report pass/fail per control. Repeatable.")
    List<String> frameworks = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", description = "Do not run this rule id. Repeatable.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching GLOB (relative to the scanned folder), e.g. 'vendor/**'. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file. Default: .bulwark.yaml in the scanned folder, else in the current folder.")
    Path configFile;

    @Option(names = "--no-config", description = "Ignore .bulwark.yaml.")
    boolean noConfig;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings that are not in this baseline (others are marked suppressed).")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write the current unsuppressed findings as a baseline file.")
    Path writeBaseline;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Set a Terraform root module variable (as terraform plan -var does). Repeatable; later ones win.")
    List<String> terraformVariables = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read Terraform variables from a .tfvars or .tfvars.json file, after terraform.tfvars and *.auto.tfvars. Repeatable.")
    List<Path> terraformVariableFiles = new ArrayList<>();

    @Option(names = "--cfn-param", paramLabel = "NAME=VALUE",
            description = "Set a CloudFormation parameter (or pseudo parameter such as AWS::Region) for every template. Repeatable.")
    List<String> cloudFormationParameters = new ArrayList<>();

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Skip files larger than SIZE (e.g. 10MB, 512k). Default: 10MB.")
    String maxFileSize = "10MB";

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of processors.")
    Integer threads;

    @Option(names = "--no-color", description = "Never colour the table output (also: NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings about skipped files to standard error.")
    boolean quiet;

    ScanCommand(Platform platform, Terminal terminal) {
        this.platform = platform;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<String> inputs = paths.isEmpty() ? List.of(".") : paths;
        ReportOutputs outputs = ReportOutputs.parse(formats);
        for (String input : inputs) {
            if (!input.equals("-") && !Files.exists(Path.of(input))) {
                throw BulwarkException.userError("path not found: " + input);
            }
        }
        Optional<Path> configPath = configPath(inputs);
        BulwarkConfig fileConfig = configPath.map(ConfigLoader::load).orElse(BulwarkConfig.empty());
        Path configBase = configPath.map(path -> path.toAbsolutePath().getParent()).orElse(Path.of("."));

        Set<String> disabledRules = new LinkedHashSet<>(fileConfig.disabledRules());
        disabled.forEach(id -> disabledRules.add(id.toUpperCase(java.util.Locale.ROOT)));
        List<String> allExcludes = new ArrayList<>(fileConfig.excludePaths());
        allExcludes.addAll(excludes);
        BulwarkConfig config = new BulwarkConfig(fileConfig.ruleFolders(), disabledRules, fileConfig.enabledRules(),
                allExcludes, fileConfig.severityOverrides(), fileConfig.failOn(), fileConfig.frameworks(), fileConfig.ignores());

        FailThreshold threshold = failOn != null ? FailThreshold.option(failOn)
                : new FailThreshold(Optional.of(fileConfig.failOn().orElse(Severity.LOW)));

        List<Path> folders = new ArrayList<>();
        for (String folder : fileConfig.ruleFolders()) {
            folders.add(configBase.resolve(folder).normalize());
        }
        folders.addAll(ruleFolders);
        RuleSet rules = platform.loadRules(folders, !noBuiltinRules, terminal.err());
        long maxBytes = ByteSize.maxFileSize(maxFileSize);
        int threadCount = WorkerThreads.of(threads);
        Optional<Baseline> baseline = Optional.ofNullable(baselineFile).map(Baseline::read);
        List<String> selectedFrameworks = frameworks.isEmpty() ? fileConfig.frameworks() : frameworks;
        if (!selectedFrameworks.isEmpty() && Scanner.select(rules, config, selectedFrameworks).size() == 0) {
            throw BulwarkException.userError("no rule maps to framework " + String.join(", ", selectedFrameworks)
                    + "; see 'bulwark rules list' for the frameworks in use");
        }
        ScanOptions options = new ScanOptions(inputs, config, selectedFrameworks, baseline, maxBytes, threadCount,
                LocalDate.now(ZoneOffset.UTC), adaptOptions(), selectedScanners());
        ScanListener listener = terminal.interactive() && !noProgress ? new ProgressListener(terminal.err()) : ScanListener.NONE;
        List<dev.bulwark.core.spi.TextScanner> textScanners = options.runs(dev.bulwark.secrets.SecretTextScanner.NAME)
                ? platform.textScanners() : List.of();
        ScanReport report = new Scanner(platform.adapters(), platform.analyzers(), textScanners, rules, Platform.version(),
                terminal.in()).scan(options, listener);

        if (!quiet) {
            for (ScanWarning warning : report.warnings()) {
                terminal.err().println("warning: " + warning);
            }
        }
        return outputs.finish(report, terminal, noColor, writeBaseline, threshold);
    }

    private Set<String> selectedScanners() {
        Set<String> names = new java.util.TreeSet<>();
        for (String name : scanners) {
            String normal = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (normal.equals("secrets")) {
                normal = dev.bulwark.secrets.SecretTextScanner.NAME;
            }
            if (!Platform.scannerNames().contains(normal)) {
                throw BulwarkException.userError("--scanners: unknown scanner '" + name + "'; choose from "
                        + String.join(", ", Platform.scannerNames()));
            }
            names.add(normal);
        }
        return names;
    }

    private AdaptOptions adaptOptions() {
        List<Map.Entry<String, String>> variables = new ArrayList<>();
        for (String pair : terraformVariables) {
            variables.add(pair("--var", pair));
        }
        for (Path file : terraformVariableFiles) {
            if (!Files.isRegularFile(file)) {
                throw BulwarkException.userError("--var-file: file not found: " + file);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : cloudFormationParameters) {
            Map.Entry<String, String> entry = pair("--cfn-param", pair);
            parameters.put(entry.getKey(), entry.getValue());
        }
        return new AdaptOptions(variables, terraformVariableFiles, parameters);
    }

    private static Map.Entry<String, String> pair(String flag, String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw BulwarkException.userError(flag + " expects NAME=VALUE, not '" + text + "'");
        }
        return Map.entry(text.substring(0, equals).strip(), text.substring(equals + 1));
    }

    private Optional<Path> configPath(List<String> inputs) {
        if (noConfig) {
            return Optional.empty();
        }
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw BulwarkException.userError("--config: file not found: " + configFile);
            }
            return Optional.of(configFile);
        }
        for (String input : inputs) {
            if (!input.equals("-") && Files.isDirectory(Path.of(input))) {
                Path candidate = Path.of(input).resolve(ConfigLoader.FILE_NAME);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
                break;
            }
        }
        Path local = Path.of(ConfigLoader.FILE_NAME);
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }
}
