package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a report refers to, by id: those that ran, plus metadata made up from the findings for
 * ids that have no {@link RuleInfo} in the report. Parse errors ({@code BW-PARSE-001}) are the usual
 * case; a finding of an unknown rule must still be shown, so its metadata comes from the finding.
 */
final class RuleCatalog {
    static final String PARSE_RULE_ID = "BW-PARSE-001";

    private final Map<String, RuleInfo> byId;
    private final Map<String, Severity> reportedSeverity;

    private RuleCatalog(Map<String, RuleInfo> byId, Map<String, Severity> reportedSeverity) {
        this.byId = byId;
        this.reportedSeverity = reportedSeverity;
    }

    static RuleCatalog of(ScanReport report) {
        Map<String, RuleInfo> byId = new TreeMap<>();
        for (RuleInfo rule : report.rules()) {
            byId.put(rule.id(), rule);
        }
        Map<String, Severity> reportedSeverity = new TreeMap<>();
        for (Finding finding : report.findings()) {
            reportedSeverity.merge(finding.ruleId(), finding.severity(), RuleCatalog::mostSevere);
            if (!byId.containsKey(finding.ruleId())) {
                byId.put(finding.ruleId(), synthesize(finding));
            }
        }
        return new RuleCatalog(byId, reportedSeverity);
    }

    /** Every rule, sorted by id. */
    List<RuleInfo> rules() {
        return new ArrayList<>(byId.values());
    }

    /** The rule with {@code ruleId}; every id of a finding in the report has one. */
    RuleInfo rule(String ruleId) {
        RuleInfo rule = byId.get(ruleId);
        if (rule == null) {
            throw new IllegalArgumentException("no rule " + ruleId + " in this report");
        }
        return rule;
    }

    /**
     * The severity to show for a rule as a whole: the most severe of its findings (a configured
     * severity override shows up there), or the rule's own when it found nothing.
     */
    Severity effectiveSeverity(RuleInfo rule) {
        return reportedSeverity.getOrDefault(rule.id(), rule.severity());
    }

    private static Severity mostSevere(Severity first, Severity second) {
        return first.isAtLeast(second) ? first : second;
    }

    private static RuleInfo synthesize(Finding finding) {
        if (finding.type() == FindingType.PARSE_ERROR) {
            return new RuleInfo(finding.ruleId(), finding.title(), finding.severity(), "any", List.of(),
                    "The file looks like an input Bulwark scans but could not be parsed, so none of its content was checked.",
                    "A file that cannot be parsed hides every misconfiguration it holds from the scan.",
                    finding.remediation(), Map.of(), List.of(), finding.compliance(), "builtin");
        }
        return new RuleInfo(finding.ruleId(), finding.title(), finding.severity(), "unknown", List.of(),
                finding.title(), "", finding.remediation(), Map.of(), List.of(), finding.compliance(), "unknown");
    }
}
