package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The counts every format shows: active findings by severity, suppressed findings by how they were suppressed, files
 * and resources. Only active (unsuppressed) findings count towards the severity totals.
 */
record ReportSummary(
        Map<Severity, Integer> activeBySeverity,
        int active,
        Map<String, Integer> suppressedByKind,
        int suppressed,
        int filesScanned,
        int filesWithFindings,
        int resources,
        int rules,
        int warnings) {

    /** Severities from most to least severe, the order reports list them in. */
    static final List<Severity> MOST_SEVERE_FIRST = mostSevereFirst();

    ReportSummary {
        activeBySeverity = Collections.unmodifiableMap(new EnumMap<>(activeBySeverity));
        suppressedByKind = Collections.unmodifiableMap(new TreeMap<>(suppressedByKind));
    }

    static ReportSummary of(ScanReport report) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0);
        }
        Map<String, Integer> byKind = new TreeMap<>();
        Set<String> files = new TreeSet<>();
        int active = 0;
        int suppressed = 0;
        for (Finding finding : report.findings()) {
            if (finding.isSuppressed()) {
                suppressed++;
                byKind.merge(finding.suppression().orElseThrow().label(), 1, Integer::sum);
            } else {
                active++;
                bySeverity.merge(finding.severity(), 1, Integer::sum);
                files.add(finding.location().file());
            }
        }
        return new ReportSummary(bySeverity, active, byKind, suppressed, report.filesScanned(), files.size(),
                report.resources().size(), report.rules().size(), report.warnings().size());
    }

    int count(Severity severity) {
        return activeBySeverity.getOrDefault(severity, 0);
    }

    /** {@code 1 critical, 2 high, 0 medium, 0 low, 0 info}. */
    String severityCounts() {
        List<String> parts = new ArrayList<>();
        for (Severity severity : MOST_SEVERE_FIRST) {
            parts.add(count(severity) + " " + severity.label());
        }
        return String.join(", ", parts);
    }

    /** {@code 1 baseline, 2 inline comment}, or an empty string when nothing is suppressed. */
    String suppressedCounts() {
        List<String> parts = new ArrayList<>();
        suppressedByKind.forEach((label, count) -> parts.add(count + " " + label));
        return String.join(", ", parts);
    }

    private static List<Severity> mostSevereFirst() {
        List<Severity> severities = new ArrayList<>(List.of(Severity.values()));
        Collections.reverse(severities);
        return List.copyOf(severities);
    }
}
