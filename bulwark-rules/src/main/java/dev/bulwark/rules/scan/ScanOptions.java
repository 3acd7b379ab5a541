package dev.bulwark.rules.scan;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.findings.Baseline;
import dev.bulwark.core.spi.AdaptOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to scan and how.
 *
 * @param inputs files or folders; {@code -} reads standard input
 * @param config the merged configuration ({@code .bulwark.yaml} plus flags)
 * @param frameworks only run rules mapped to one of these frameworks; empty for all
 * @param baseline findings already accepted
 * @param maxFileBytes inputs larger than this are skipped with a warning
 * @param threads worker threads (at least 1)
 * @param today the date expiry dates are compared with
 * @param adaptOptions Terraform variables and CloudFormation parameters for the inputs
 * @param scanners the engines to run by name: {@value #MISCONFIG} (rules and analyzers over the
 *     inputs Bulwark models) and the names of the text scanners ({@code secret}); empty for all
 */
public record ScanOptions(
        List<String> inputs,
        BulwarkConfig config,
        List<String> frameworks,
        Optional<Baseline> baseline,
        long maxFileBytes,
        int threads,
        LocalDate today,
        AdaptOptions adaptOptions,
        Set<String> scanners) {
    /** The scanner name of posture rules and analyzers. */
    public static final String MISCONFIG = "misconfig";

    public ScanOptions {
        scanners = Set.copyOf(scanners);
        inputs = List.copyOf(inputs);
        frameworks = List.copyOf(frameworks);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        java.util.Objects.requireNonNull(adaptOptions, "adaptOptions is null");
    }

    public ScanOptions(List<String> inputs, BulwarkConfig config, List<String> frameworks, Optional<Baseline> baseline,
                       long maxFileBytes, int threads, LocalDate today) {
        this(inputs, config, frameworks, baseline, maxFileBytes, threads, today, AdaptOptions.none(), Set.of());
    }

    public ScanOptions withAdaptOptions(AdaptOptions options) {
        return new ScanOptions(inputs, config, frameworks, baseline, maxFileBytes, threads, today, options, scanners);
    }

    /** These options running only the scanners named (empty for all). */
    public ScanOptions withScanners(Set<String> names) {
        return new ScanOptions(inputs, config, frameworks, baseline, maxFileBytes, threads, today, adaptOptions, names);
    }

    /** Whether the scanner {@code name} runs. */
    public boolean runs(String name) {
        return scanners.isEmpty() || scanners.contains(name);
    }

    public static ScanOptions of(List<String> inputs) {
        return new ScanOptions(inputs, BulwarkConfig.empty(), List.of(), Optional.empty(),
                dev.bulwark.core.source.SourceReader.DEFAULT_MAX_BYTES,
                Runtime.getRuntime().availableProcessors(), LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** Frameworks match exactly or by prefix at a dash: {@code cis-kubernetes} selects {@code cis-kubernetes-1.9}. */
    public static boolean frameworkMatches(String selected, String framework) {
        return framework.equals(selected) || framework.startsWith(selected + "-");
    }
}
