package dev.bulwark.rules.scan;

import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.findings.InlineSuppressions;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.FileResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.ScanAnalyzer;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.core.spi.TextScanner;
import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.Violation;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The posture scan pipeline: find inputs, adapt them into resources (in parallel), compute
 * scan-wide variables, run every applicable rule on every resource (in parallel) and every
 * analyzer on all resources together, run the text scanners (secrets) over every text file,
 * then apply severity overrides, suppressions and the baseline, once, to all findings.
 *
 * <p>With a text scanner selected every file of the walk is read; a file no adapter models is only
 * scanned as text (binary content is skipped without a warning, invalid UTF-8 is decoded with
 * replacement characters) and its text is dropped as soon as its findings are suppressed, so a
 * large tree is not held in memory.
 *
 * <p>Bad input never stops the scan: unreadable or oversized files become warnings, syntax errors
 * become parse findings, and a rule that fails on a resource becomes a warning.
 */
public final class Scanner {
    private static final int SNIPPET_CONTEXT = 2;
    private static final int MAX_RULE_FAILURE_WARNINGS = 3;

    private final List<SourceAdapter> adapters;
    private final List<ScanAnalyzer> analyzers;
    private final List<TextScanner> textScanners;
    private final RuleSet rules;
    private final String toolVersion;
    private final InputStream stdin;

    /**
     * @param adapters the input formats; content is matched against them in this order (standard
     *     input, files of unknown names), so the strictest content check comes first
     */
    public Scanner(List<SourceAdapter> adapters, RuleSet rules, String toolVersion, InputStream stdin) {
        this(adapters, List.of(), rules, toolVersion, stdin);
    }

    /** A scanner that also runs {@code analyzers} over all resources of each scan. */
    public Scanner(List<SourceAdapter> adapters, List<ScanAnalyzer> analyzers, RuleSet rules, String toolVersion,
                   InputStream stdin) {
        this(adapters, analyzers, List.of(), rules, toolVersion, stdin);
    }

    /** A scanner that also runs {@code textScanners} over the text of every file. */
    public Scanner(List<SourceAdapter> adapters, List<ScanAnalyzer> analyzers, List<TextScanner> textScanners, RuleSet rules,
                   String toolVersion, InputStream stdin) {
        this.adapters = List.copyOf(adapters);
        this.analyzers = List.copyOf(analyzers);
        this.textScanners = List.copyOf(textScanners);
        this.rules = rules;
        this.toolVersion = toolVersion;
        this.stdin = stdin;
    }

    /** One adapted input: the file and what the adapter made of it. */
    private record Adapted(SourceFile file, SourceAdapter adapter, AdaptResult result) {}

    /** A file read for an adapter that adapts files together. */
    private record Grouped(SourceFile file, SourceAdapter adapter) {}

    /** A text scanner with the ids of its rules that configuration and framework select. */
    private record TextEngine(TextScanner scanner, Set<String> enabled) {}

    public ScanReport scan(ScanOptions options, ScanListener listener) {
        Instant started = Instant.now();
        BulwarkConfig config = options.config();
        List<ScanWarning> warnings = Collections.synchronizedList(new ArrayList<>());
        boolean misconfig = options.runs(ScanOptions.MISCONFIG);
        RuleSet selected = misconfig ? select(rules, config, options.frameworks()) : rules.filter(rule -> false);
        List<RuleInfo> textRules = new ArrayList<>();
        List<TextEngine> engines = textEngines(config, options, textRules);
        for (BulwarkConfig.Ignore ignore : config.ignores()) {
            if (ignore.until().isPresent() && ignore.until().get().isBefore(options.today())) {
                warnings.add(new ScanWarning(".bulwark.yaml", ignore.line(), "ignore of " + ignore.rule() + " expired on "
                        + ignore.until().get() + "; its findings are reported again"));
            }
        }

        // 1. Inputs.
        FileWalker walker = new FileWalker(config.excludePaths());
        List<FileWalker.Entry> entries = new ArrayList<>();
        Set<String> namedFiles = new TreeSet<>();
        boolean readStdin = false;
        for (String input : options.inputs()) {
            if (input.equals("-")) {
                readStdin = true;
            } else {
                List<FileWalker.Entry> found = walker.walk(Path.of(input),
                        path -> !engines.isEmpty() || (misconfig && adapterFor(path) != null), warnings::add);
                if (found.size() == 1 && java.nio.file.Files.isRegularFile(Path.of(input))) {
                    namedFiles.add(found.get(0).displayPath());
                }
                entries.addAll(found);
            }
        }
        listener.started(2 * (entries.size() + (readStdin ? 1 : 0)));
        SourceReader reader = new SourceReader(options.maxFileBytes());

        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            // 2. Read and adapt, in parallel.
            ConcurrentLinkedQueue<Adapted> adapted = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Grouped> grouped = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
            Map<String, List<Finding>> textFound = new ConcurrentHashMap<>();
            AtomicInteger textOnlyFiles = new AtomicInteger();
            if (readStdin) {
                adaptStdin(reader, misconfig, engines, findings, textFound, warnings, options).ifPresent(adapted::add);
                listener.stepDone();
            }
            run(pool, () -> entries.parallelStream().forEach(entry -> {
                boolean modelled = misconfig && (adapterFor(entry.path()) != null || namedFiles.contains(entry.displayPath()));
                if (!modelled) {
                    if (scanTextOnly(entry, reader, engines, options, warnings, findings)) {
                        textOnlyFiles.incrementAndGet();
                    }
                    listener.stepDone();
                    listener.stepDone();
                    return;
                }
                SourceReader.Outcome outcome = reader.read(entry.path(), entry.displayPath());
                outcome.skipped().ifPresent(reason -> warnings.add(new ScanWarning(entry.displayPath(), 0, reason)));
                outcome.file().ifPresent(file -> {
                    SourceAdapter adapter = adapterFor(entry.path(), file.content());
                    if (adapter == null) {
                        // A file named on the command line: recognise it by its content.
                        adapter = adapterForContent(file.content());
                    }
                    if (adapter == null && !engines.isEmpty()) {
                        findings.addAll(suppressedTextFindings(file, engines, options, warnings));
                        textOnlyFiles.incrementAndGet();
                        listener.stepDone();
                    } else if (adapter == null) {
                        warnings.add(new ScanWarning(entry.displayPath(), 0, "skipped: not an input Bulwark reads ("
                                + "Kubernetes manifest, Dockerfile, Terraform or CloudFormation)"));
                    } else {
                        if (!engines.isEmpty()) {
                            textFound.put(file.displayPath(), textFindings(file, engines, options, warnings));
                        }
                        if (adapter.groupsFile(file)) {
                            grouped.add(new Grouped(file, adapter));
                        } else {
                            adapted.add(new Adapted(file, adapter, safeAdapt(adapter, file, options, warnings)));
                        }
                    }
                });
                listener.stepDone();
            }));
            // Files adapted together (Terraform modules), one call per adapter.
            Map<String, SourceFile> groupFiles = new ConcurrentHashMap<>();
            List<Path> roots = new ArrayList<>();
            for (String input : options.inputs()) {
                if (!input.equals("-")) {
                    roots.add(Path.of(input));
                }
            }
            for (SourceAdapter adapter : adapters) {
                List<SourceFile> files = new ArrayList<>();
                for (Grouped file : grouped) {
                    if (file.adapter() == adapter) {
                        files.add(file.file());
                    }
                }
                if (files.isEmpty()) {
                    continue;
                }
                files.sort((a, b) -> a.displayPath().compareTo(b.displayPath()));
                run(pool, () -> {
                    for (FileResult result : safeAdaptGroup(adapter, files, roots, options, warnings)) {
                        adapted.add(new Adapted(result.file(), adapter, result.result()));
                        groupFiles.put(result.file().displayPath(), result.file());
                    }
                });
            }
            List<Adapted> inputs = new ArrayList<>(adapted);
            inputs.sort((a, b) -> a.file().displayPath().compareTo(b.file().displayPath()));

            // 3. Scan-wide variables per target.
            Map<String, List<Resource>> byTarget = new HashMap<>();
            for (Adapted input : inputs) {
                for (Resource resource : input.result().resources()) {
                    byTarget.computeIfAbsent(resource.target(), key -> new ArrayList<>()).add(resource);
                }
                warnings.addAll(input.result().warnings());
            }
            Map<String, Map<String, Object>> scanVariables = new HashMap<>();
            for (SourceAdapter adapter : adapters) {
                scanVariables.put(adapter.target(), adapter.scanVariables(byTarget.getOrDefault(adapter.target(), List.of())));
            }
            List<RuleInfo> analyzerRules = new ArrayList<>();
            Map<String, List<Finding>> analyzed = misconfig ? analyze(byTarget, config, options, analyzerRules, warnings)
                    : new HashMap<>();
            textFound.forEach((file, found) -> analyzed.merge(file, found, (left, right) -> {
                List<Finding> both = new ArrayList<>(left);
                both.addAll(right);
                return both;
            }));

            // 4. Evaluate, in parallel, per file.
            Map<String, AtomicInteger> ruleFailures = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<ScanReport.ScannedResource> scanned = new ConcurrentLinkedQueue<>();
            byTarget.clear();
            int fileCount = inputs.size();
            // Slots are cleared once a file is checked, so its syntax trees can be collected while
            // the rest of a large scan runs.
            AtomicReferenceArray<Adapted> slots = new AtomicReferenceArray<>(inputs.toArray(new Adapted[0]));
            inputs.clear();
            run(pool, () -> IntStream.range(0, fileCount).parallel().forEach(index -> {
                Adapted input = slots.getAndSet(index, null);
                List<Finding> fileFindings = evaluateFile(input, selected, scanVariables, options, warnings, ruleFailures, scanned,
                        groupFiles, analyzed.getOrDefault(input.file().displayPath(), List.of()));
                findings.addAll(fileFindings);
                listener.stepDone();
            }));

            List<Finding> all = new ArrayList<>(findings);
            FindingSuppressor.of(options).applyBaseline(all);
            all.sort(Finding.REPORT_ORDER);
            List<ScanReport.ScannedResource> resources = new ArrayList<>(scanned);
            resources.sort((a, b) -> a.location().compareTo(b.location()));
            List<ScanWarning> sortedWarnings = new ArrayList<>(warnings);
            Collections.sort(sortedWarnings);
            List<RuleInfo> ruleInfos = new ArrayList<>();
            for (Rule rule : selected.rules()) {
                ruleInfos.add(rule.info());
            }
            ruleInfos.addAll(analyzerRules);
            ruleInfos.addAll(textRules);
            if (all.stream().anyMatch(finding -> finding.ruleId().equals(FindingFactory.PARSE_RULE_ID))) {
                ruleInfos.add(FindingFactory.PARSE_RULE);
            }
            listener.finished();
            List<dev.bulwark.core.FrameworkCatalog> catalogs = new ArrayList<>();
            for (SourceAdapter adapter : adapters) {
                catalogs.addAll(adapter.frameworks());
            }
            return new ScanReport(toolVersion, started, Duration.between(started, Instant.now()), all, sortedWarnings,
                    ruleInfos, resources, options.frameworks(), fileCount + textOnlyFiles.get(), catalogs);
        } finally {
            pool.shutdown();
        }
    }

    /** Rules selected by configuration and framework. */
    public static RuleSet select(RuleSet rules, BulwarkConfig config, List<String> frameworks) {
        return rules.filter(rule -> selected(rule.info(), config, frameworks));
    }

    /** Whether configuration ({@code rules: enable/disable}) and the framework filter keep {@code rule}. */
    public static boolean selected(RuleInfo rule, BulwarkConfig config, List<String> frameworks) {
        String id = rule.id();
        if (config.disabledRules().contains(id)) {
            return false;
        }
        if (!config.enabledRules().isEmpty() && !config.enabledRules().contains(id)) {
            return false;
        }
        List<String> wanted = frameworks.isEmpty() ? config.frameworks() : frameworks;
        if (wanted.isEmpty()) {
            return true;
        }
        for (String framework : rule.compliance().keySet()) {
            for (String selectedFramework : wanted) {
                if (ScanOptions.frameworkMatches(selectedFramework, framework)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs every analyzer over all resources; returns its findings by file, with severity
     * overrides applied, and adds the rules that were selected to {@code selectedRules}. An
     * analyzer that fails becomes a warning: the rule findings of the scan still count.
     */
    private Map<String, List<Finding>> analyze(Map<String, List<Resource>> byTarget, BulwarkConfig config,
                                               ScanOptions options, List<RuleInfo> selectedRules,
                                               List<ScanWarning> warnings) {
        Map<String, List<Finding>> byFile = new HashMap<>();
        if (analyzers.isEmpty()) {
            return byFile;
        }
        List<Resource> all = new ArrayList<>();
        for (String target : new TreeSet<>(byTarget.keySet())) {
            all.addAll(byTarget.get(target));
        }
        for (ScanAnalyzer analyzer : analyzers) {
            Set<String> enabled = new TreeSet<>();
            for (RuleInfo rule : analyzer.rules()) {
                if (selected(rule, config, options.frameworks())) {
                    enabled.add(rule.id());
                    selectedRules.add(rule);
                }
            }
            if (enabled.isEmpty()) {
                continue;
            }
            ScanAnalyzer.Result result;
            try {
                result = analyzer.analyze(all, enabled);
            } catch (RuntimeException | StackOverflowError e) {
                warnings.add(new ScanWarning("", 0, "analysis " + analyzer.name() + " failed: " + e));
                continue;
            }
            warnings.addAll(result.warnings());
            for (Finding finding : result.findings()) {
                if (!enabled.contains(finding.ruleId())) {
                    continue;
                }
                Severity severity = config.severityOverrides().getOrDefault(finding.ruleId(), finding.severity());
                byFile.computeIfAbsent(finding.location().file(), key -> new ArrayList<>()).add(finding.withSeverity(severity));
            }
        }
        return byFile;
    }

    private static void run(ForkJoinPool pool, Runnable task) {
        try {
            pool.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private SourceAdapter adapterFor(Path path) {
        List<SourceAdapter> candidates = candidates(path);
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    /** The adapters that accept {@code path}'s name, in order. */
    private List<SourceAdapter> candidates(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return List.of();
        }
        String fileName = name.toString().toLowerCase(java.util.Locale.ROOT);
        List<SourceAdapter> candidates = new ArrayList<>(2);
        for (SourceAdapter adapter : adapters) {
            if (adapter.acceptsName(fileName)) {
                candidates.add(adapter);
            }
        }
        return candidates;
    }

    /**
     * The adapter for a file: the only one accepting its name, or among several (a {@code .yaml}
     * can be a manifest or a CloudFormation template) the first whose content check passes, else
     * the last, the most lenient.
     */
    private SourceAdapter adapterFor(Path path, String content) {
        List<SourceAdapter> candidates = candidates(path);
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (SourceAdapter candidate : candidates) {
            if (candidate.acceptsContent(content)) {
                return candidate;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** The first adapter, in the order given, that recognises {@code content}. */
    private SourceAdapter adapterForContent(String content) {
        for (SourceAdapter adapter : adapters) {
            if (adapter.acceptsContent(content)) {
                return adapter;
            }
        }
        return null;
    }

    private Optional<Adapted> adaptStdin(SourceReader reader, boolean misconfig, List<TextEngine> engines,
                                         ConcurrentLinkedQueue<Finding> findings, Map<String, List<Finding>> textFound,
                                         List<ScanWarning> warnings,
                                         ScanOptions options) {
        SourceReader.Outcome outcome = reader.read(stdin, "-");
        outcome.skipped().ifPresent(reason -> warnings.add(new ScanWarning("-", 0, reason)));
        if (outcome.file().isEmpty()) {
            return Optional.empty();
        }
        SourceFile file = outcome.file().get();
        SourceAdapter adapter = misconfig ? adapterForContent(file.content()) : null;
        if (adapter != null) {
            textFound.put(file.displayPath(), textFindings(file, engines, options, warnings));
            return Optional.of(new Adapted(file, adapter, safeAdapt(adapter, file, options, warnings)));
        }
        if (!engines.isEmpty()) {
            findings.addAll(suppressedTextFindings(file, engines, options, warnings));
            return Optional.empty();
        }
        warnings.add(new ScanWarning("-", 0, "standard input is not a Kubernetes manifest, Dockerfile or CloudFormation template"));
        return Optional.empty();
    }

    private static List<FileResult> safeAdaptGroup(SourceAdapter adapter, List<SourceFile> files, List<Path> roots,
                                                   ScanOptions options, List<ScanWarning> warnings) {
        try {
            return adapter.adaptGroup(files, roots, options.adaptOptions());
        } catch (StackOverflowError e) {
            warnings.add(new ScanWarning(files.get(0).displayPath(), 0, "skipped " + files.size() + " files: input nested too deeply"));
        } catch (RuntimeException e) {
            warnings.add(new ScanWarning(files.get(0).displayPath(), 0, "skipped " + files.size() + " files: internal error while reading ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); please report it"));
        }
        return List.of();
    }

    private static AdaptResult safeAdapt(SourceAdapter adapter, SourceFile file, ScanOptions options, List<ScanWarning> warnings) {
        try {
            return adapter.adapt(file, options.adaptOptions());
        } catch (StackOverflowError e) {
            warnings.add(new ScanWarning(file.displayPath(), 0, "skipped: input nested too deeply"));
        } catch (RuntimeException e) {
            warnings.add(new ScanWarning(file.displayPath(), 0, "skipped: internal error while reading ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); please report it"));
        }
        return AdaptResult.of(List.of());
    }

    private List<Finding> evaluateFile(Adapted input, RuleSet selected, Map<String, Map<String, Object>> scanVariables,
                                       ScanOptions options, List<ScanWarning> warnings,
                                       Map<String, AtomicInteger> ruleFailures,
                                       ConcurrentLinkedQueue<ScanReport.ScannedResource> scanned,
                                       Map<String, SourceFile> groupFiles, List<Finding> analyzed) {
        BulwarkConfig config = options.config();
        List<Finding> findings = new ArrayList<>(analyzed);
        for (ParseProblem problem : input.result().problems()) {
            findings.add(FindingFactory.parseError(problem, config.severityOverrides()
                    .getOrDefault(FindingFactory.PARSE_RULE_ID, FindingFactory.PARSE_RULE.severity())));
        }
        for (Resource resource : input.result().resources()) {
            List<Rule> applicable = selected.forResource(resource.target(), resource.kind());
            List<String> ruleIds = new ArrayList<>(applicable.size());
            Map<String, Object> variables = scanVariables.getOrDefault(resource.target(), Map.of());
            for (Rule rule : applicable) {
                ruleIds.add(rule.id());
                List<Violation> violations;
                try {
                    violations = RuleEvaluator.evaluate(rule, resource, variables);
                } catch (RuleEvaluator.EvaluationFailure e) {
                    int count = ruleFailures.computeIfAbsent(rule.id(), key -> new AtomicInteger()).incrementAndGet();
                    if (count <= MAX_RULE_FAILURE_WARNINGS) {
                        warnings.add(new ScanWarning(resource.location().file(), resource.location().startLine(),
                                "rule " + rule.id() + " failed on " + resource.ref().address() + ": " + e.getMessage()));
                    }
                    continue;
                }
                Severity severity = config.severityOverrides().getOrDefault(rule.id(), rule.info().severity());
                String fix = rule.info().fixFor(input.adapter().format(resource));
                for (Violation violation : violations) {
                    findings.add(FindingFactory.violation(rule.info(), severity, resource, violation, fix));
                }
            }
            scanned.add(new ScanReport.ScannedResource(resource.ref(), resource.location(), ruleIds));
        }
        if (findings.isEmpty()) {
            return findings;
        }
        String ownFile = input.file().displayPath();
        FindingSuppressor suppressor = FindingSuppressor.of(options);
        List<String> lines = input.file().lines();
        InlineSuppressions inline = InlineSuppressions.parse(lines);
        for (InlineSuppressions.Directive bad : inline.malformed()) {
            warnings.add(new ScanWarning(ownFile, bad.line(), bad.problem().orElse("malformed bulwark:ignore")));
        }
        Map<String, Integer> resourceLines = new LinkedHashMap<>();
        Map<String, Map<String, String>> ignoredByResource = new HashMap<>();
        for (Resource resource : input.result().resources()) {
            resourceLines.put(resource.ref().address(), resource.location().startLine());
            ignoredByResource.put(resource.ref().address(), resource.ignored());
        }
        // A finding may point into another file of the group (a setting merged in from a separate
        // Terraform resource): its excerpt and inline comments come from that file.
        Map<String, List<String>> otherLines = new HashMap<>();
        Map<String, InlineSuppressions> otherInline = new HashMap<>();
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String file = finding.location().file();
            List<String> findingLines = lines;
            InlineSuppressions findingInline = inline;
            if (!file.equals(ownFile) && groupFiles.containsKey(file)) {
                findingLines = otherLines.computeIfAbsent(file, key -> groupFiles.get(key).lines());
                findingInline = otherInline.computeIfAbsent(file, key -> InlineSuppressions.parse(otherLines.get(key)));
            } else if (!file.equals(ownFile) && !finding.ruleId().equals(FindingFactory.PARSE_RULE_ID)) {
                findingLines = List.of();
            }
            // Text scanners bring their own snippet: the secret in it is redacted.
            Finding withSnippet = !finding.snippet().lines().isEmpty() ? finding
                    : finding.withSnippet(CodeSnippet.around(findingLines, finding.location().startLine(),
                            finding.location().endLine(), SNIPPET_CONTEXT));
            int resourceLine = resourceLines.getOrDefault(finding.resource().address(), finding.location().startLine());
            result.add(suppressor.suppress(withSnippet, findingInline, inline, resourceLine,
                    ignoredByResource.getOrDefault(finding.resource().address(), Map.of()), warnings));
        }
        return result;
    }

    /** The text scanners that run, with their selected rules; adds those rules to {@code selectedRules}. */
    private List<TextEngine> textEngines(BulwarkConfig config, ScanOptions options, List<RuleInfo> selectedRules) {
        List<TextEngine> engines = new ArrayList<>();
        for (TextScanner scanner : textScanners) {
            if (!options.runs(scanner.name())) {
                continue;
            }
            Set<String> enabled = new TreeSet<>();
            for (RuleInfo rule : scanner.rules()) {
                if (selected(rule, config, options.frameworks())) {
                    enabled.add(rule.id());
                    selectedRules.add(rule);
                }
            }
            if (!enabled.isEmpty()) {
                engines.add(new TextEngine(scanner, Set.copyOf(enabled)));
            }
        }
        return engines;
    }

    /**
     * A file no adapter models, read as raw bytes and scanned as text only. Returns whether it was
     * scanned (binary files are not, and are not worth a warning: every repository has images).
     */
    private static boolean scanTextOnly(FileWalker.Entry entry, SourceReader reader, List<TextEngine> engines,
                                        ScanOptions options, List<ScanWarning> warnings,
                                        ConcurrentLinkedQueue<Finding> findings) {
        SourceReader.RawOutcome outcome = reader.readRaw(entry.path());
        outcome.skipped().ifPresent(reason -> warnings.add(new ScanWarning(entry.displayPath(), 0, reason)));
        if (outcome.content().isEmpty() || SourceReader.isBinary(outcome.content().get())) {
            return false;
        }
        String text = new String(outcome.content().get(), java.nio.charset.StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(entry.displayPath(), Optional.of(entry.path()), text);
        findings.addAll(suppressedTextFindings(file, engines, options, warnings));
        return true;
    }

    /** The text scanners' findings for {@code file}, with severity overrides and suppressions applied. */
    private static List<Finding> suppressedTextFindings(SourceFile file, List<TextEngine> engines, ScanOptions options,
                                                        List<ScanWarning> warnings) {
        List<Finding> found = textFindings(file, engines, options, warnings);
        if (found.isEmpty()) {
            return found;
        }
        return FindingSuppressor.of(options).suppressInFile(found, file.displayPath(), file.lines(), warnings);
    }

    /** The text scanners' findings for {@code file} with severity overrides, before suppressions. */
    private static List<Finding> textFindings(SourceFile file, List<TextEngine> engines, ScanOptions options,
                                              List<ScanWarning> warnings) {
        List<Finding> found = new ArrayList<>();
        for (TextEngine engine : engines) {
            List<Finding> scanned;
            try {
                scanned = engine.scanner().scan(file.displayPath(), file.content());
            } catch (RuntimeException | StackOverflowError e) {
                warnings.add(new ScanWarning(file.displayPath(), 0, engine.scanner().name() + " scanner failed ("
                        + e.getClass().getSimpleName() + "); please report it"));
                continue;
            }
            for (Finding finding : scanned) {
                if (engine.enabled().contains(finding.ruleId())) {
                    Severity severity = options.config().severityOverrides().getOrDefault(finding.ruleId(), finding.severity());
                    found.add(finding.withSeverity(severity));
                }
            }
        }
        return found;
    }
}
