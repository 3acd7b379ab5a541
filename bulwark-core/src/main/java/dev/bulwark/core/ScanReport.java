package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a scan produced, as handed to report sinks. Findings are in {@link Finding#REPORT_ORDER};
 * suppressed findings are included and marked.
 *
 * @param rules the rules that ran (after selection by configuration and framework)
 * @param resources every resource scanned, with the ids of the rules evaluated on it
 * @param frameworks the frameworks the scan was limited to ({@code --framework}); empty for all
 * @param filesScanned inputs read (not counting skipped ones)
 * @param catalogs the full control lists of the frameworks that have one (for manual controls)
 */
public record ScanReport(
        String toolVersion,
        Instant started,
        Duration elapsed,
        List<Finding> findings,
        List<ScanWarning> warnings,
        List<RuleInfo> rules,
        List<ScannedResource> resources,
        List<String> frameworks,
        int filesScanned,
        List<FrameworkCatalog> catalogs) {
    public ScanReport {
        requireNonNull(toolVersion, "toolVersion is null");
        requireNonNull(started, "started is null");
        requireNonNull(elapsed, "elapsed is null");
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        rules = List.copyOf(rules);
        resources = List.copyOf(resources);
        frameworks = List.copyOf(frameworks);
        catalogs = List.copyOf(catalogs);
    }

    public ScanReport(String toolVersion, Instant started, Duration elapsed, List<Finding> findings, List<ScanWarning> warnings,
                      List<RuleInfo> rules, List<ScannedResource> resources, List<String> frameworks, int filesScanned) {
        this(toolVersion, started, elapsed, findings, warnings, rules, resources, frameworks, filesScanned, List.of());
    }

    /** A resource and the rules that were evaluated on it. */
    public record ScannedResource(ResourceRef ref, SourceLocation location, List<String> ruleIds) {
        public ScannedResource {
            requireNonNull(ref, "ref is null");
            requireNonNull(location, "location is null");
            ruleIds = List.copyOf(ruleIds);
        }
    }

    /** Unsuppressed findings, the ones that count. */
    public List<Finding> activeFindings() {
        return findings.stream().filter(finding -> !finding.isSuppressed()).toList();
    }
}
