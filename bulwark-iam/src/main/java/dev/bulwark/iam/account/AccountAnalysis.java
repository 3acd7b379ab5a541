package dev.bulwark.iam.account;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import java.util.List;

/**
 * The result of {@link AccountAnalyzer#analyze}: findings in report order, the export's warnings,
 * the rules that ran, and every principal analyzed with the rules evaluated on it.
 *
 * @param principalsAnalyzed users and roles whose permissions were decided (groups not counted)
 * @param evaluations how many requests the evaluator decided (cache hits not counted)
 */
public record AccountAnalysis(List<Finding> findings, List<ScanWarning> warnings, List<RuleInfo> rules,
                              List<ScanReport.ScannedResource> resources, int principalsAnalyzed, long evaluations) {
    public AccountAnalysis {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        rules = List.copyOf(rules);
        resources = List.copyOf(resources);
    }
}
