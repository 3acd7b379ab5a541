package dev.bulwark.rules.scan;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.findings.Baseline;
import dev.bulwark.core.spi.AdaptOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

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
 */
public record ScanOptions(
        List<String> inputs,
        BulwarkConfig config,
        List<String> frameworks,
        Optional<Baseline> baseline,
        long maxFileBytes,
        int threads,
        LocalDate today,
        AdaptOptions adaptOptions) {
    public ScanOptions {
        inputs = List.copyOf(inputs);
        frameworks = List.copyOf(frameworks);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        java.util.Objects.requireNonNull(adaptOptions, "adaptOptions is null");
    }

    public ScanOptions(List<String> inputs, BulwarkConfig config, List<String> frameworks, Optional<Baseline> baseline,
                       long maxFileBytes, int threads, LocalDate today) {
        this(inputs, config, frameworks, baseline, maxFileBytes, threads, today, AdaptOptions.none());
    }

    public ScanOptions withAdaptOptions(AdaptOptions options) {
        return new ScanOptions(inputs, config, frameworks, baseline, maxFileBytes, threads, today, options);
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
