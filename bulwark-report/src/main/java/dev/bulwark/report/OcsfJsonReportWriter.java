package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.Suppression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code json} format: a document whose {@code findings} are OCSF 1.3 Compliance Finding
 * events (class 2003), beside a {@code summary} and the {@code warnings}.
 *
 * <p>Mapping notes. The rule is the checked control ({@code compliance.control}) and the analytic
 * ({@code finding_info.analytic}); each framework mapping becomes a standard and a
 * {@code "<framework> <control>"} requirement. A suppressed finding keeps its failing compliance
 * status and gets the finding status Suppressed, its reason in {@code comment}. A parse error is a
 * compliance finding with compliance status Warning ("no result due to missing information"). OCSF
 * has no place for a source range or the path of the offending value in a compliance finding, so
 * they go under {@code unmapped}, with the fix snippet and the suppression details.
 */
final class OcsfJsonReportWriter implements ReportWriter {
    static final String OCSF_VERSION = "1.3.0";
    static final int CLASS_UID = 2003;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;

    private final ReportOptions options;
    private final JsonOutput json = new JsonOutput();

    OcsfJsonReportWriter(ReportOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        RuleCatalog catalog = RuleCatalog.of(report);
        ReportSummary summary = ReportSummary.of(report);
        ObjectNode root = json.object();
        root.putObject("tool")
                .put("name", Product.NAME)
                .put("version", report.toolVersion())
                .put("information_uri", options.informationUri().toString());
        root.put("ocsf_version", OCSF_VERSION);
        ObjectNode scan = root.putObject("scan");
        scan.put("started", report.started().toString());
        scan.put("duration_ms", report.elapsed().toMillis());
        ArrayNode frameworks = scan.putArray("frameworks");
        report.frameworks().forEach(frameworks::add);
        writeSummary(root.putObject("summary"), summary, report);
        ObjectNode tail = json.object();
        ArrayNode warnings = tail.putArray("warnings");
        for (ScanWarning warning : report.warnings()) {
            ObjectNode entry = warnings.addObject().put("file", warning.file());
            if (warning.line() > 0) {
                entry.put("line", warning.line());
            }
            entry.put("message", warning.message());
        }
        json.writeStreaming(root, "findings", report.findings(),
                finding -> complianceFinding(report, catalog.rule(finding.ruleId()), finding), tail, out);
    }

    private static void writeSummary(ObjectNode node, ReportSummary summary, ScanReport report) {
        node.put("findings", summary.active());
        ObjectNode bySeverity = node.putObject("by_severity");
        for (Severity severity : ReportSummary.MOST_SEVERE_FIRST) {
            bySeverity.put(severity.label(), summary.count(severity));
        }
        node.put("suppressed", summary.suppressed());
        node.put("files_scanned", summary.filesScanned());
        node.put("files_with_findings", summary.filesWithFindings());
        node.put("resources", summary.resources());
        node.put("rules", summary.rules());
        node.put("warnings", summary.warnings());
        ComplianceSummary compliance = ComplianceSummary.ofSelectedFrameworks(report);
        if (!compliance.isEmpty()) {
            ArrayNode frameworks = node.putArray("compliance");
            for (ComplianceSummary.Framework framework : compliance.frameworks()) {
                ObjectNode entry = frameworks.addObject().put("framework", framework.id());
                entry.put("failed", framework.count(ComplianceSummary.Status.FAIL));
                entry.put("passed", framework.count(ComplianceSummary.Status.PASS));
                entry.put("not_evaluated", framework.count(ComplianceSummary.Status.NOT_EVALUATED));
                entry.put("manual", framework.count(ComplianceSummary.Status.MANUAL));
                ArrayNode controls = entry.putArray("controls");
                for (ComplianceSummary.Control control : framework.controls()) {
                    ObjectNode item = controls.addObject()
                            .put("control", control.id())
                            .put("status", control.status().name().toLowerCase(Locale.ROOT))
                            .put("findings", control.activeFindings())
                            .put("suppressed", control.suppressedFindings());
                    if (!control.title().isEmpty()) {
                        item.put("title", control.title());
                    }
                    if (!control.note().isEmpty()) {
                        item.put("note", control.note());
                    }
                    ArrayNode rules = item.putArray("rules");
                    control.ruleIds().forEach(rules::add);
                }
            }
        }
    }

    private ObjectNode complianceFinding(ScanReport report, RuleInfo rule, Finding finding) {
        ObjectNode event = json.object();
        event.put("activity_id", ACTIVITY_CREATE);
        event.put("activity_name", "Create");
        event.put("category_uid", CATEGORY_UID);
        event.put("category_name", "Findings");
        event.put("class_uid", CLASS_UID);
        event.put("class_name", "Compliance Finding");
        event.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        event.put("type_name", "Compliance Finding: Create");
        event.put("severity_id", finding.severity().ocsfId());
        event.put("severity", finding.severity().ocsfCaption());
        if (finding.isSuppressed()) {
            Suppression suppression = finding.suppression().orElseThrow();
            event.put("status_id", 3);
            event.put("status", "Suppressed");
            event.put("status_detail", "Suppressed by " + suppression.label());
            event.put("comment", suppression.reason());
        } else {
            event.put("status_id", 1);
            event.put("status", "New");
        }
        event.put("time", report.started().toEpochMilli());
        event.put("message", finding.message());

        ObjectNode metadata = event.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.putObject("product")
                .put("name", Product.NAME)
                .put("vendor_name", Product.VENDOR)
                .put("version", report.toolVersion())
                .put("url_string", options.informationUri().toString());

        ObjectNode info = event.putObject("finding_info");
        info.put("uid", finding.fingerprint());
        info.put("title", finding.title());
        info.put("desc", rule.description().isBlank() ? finding.message() : rule.description());
        info.putArray("types").add(switch (finding.type()) {
            case PARSE_ERROR -> "Parse Error";
            case MISCONFIGURATION -> "Misconfiguration";
            case IDENTITY_RISK -> "Identity Risk";
            case DETECTION -> "Detection";
            case SECRET -> "Secret";
        });
        info.putObject("analytic")
                .put("uid", rule.id())
                .put("name", rule.title())
                .put("type_id", 1)
                .put("type", "Rule");

        ObjectNode compliance = event.putObject("compliance");
        compliance.put("control", rule.id());
        ArrayNode standards = compliance.putArray("standards");
        ArrayNode requirements = compliance.putArray("requirements");
        for (Map.Entry<String, List<String>> mapping : finding.compliance().entrySet()) {
            standards.add(mapping.getKey());
            for (String control : mapping.getValue()) {
                requirements.add(mapping.getKey() + " " + control);
            }
        }
        if (finding.type() == FindingType.PARSE_ERROR) {
            compliance.put("status_id", 2);
            compliance.put("status", "Warning");
        } else {
            compliance.put("status_id", 3);
            compliance.put("status", "Fail");
        }

        event.putArray("resources").addObject()
                .put("type", finding.resource().type())
                .put("uid", finding.resource().address())
                .put("name", finding.resource().name());

        ObjectNode remediation = event.putObject("remediation");
        remediation.put("desc", finding.remediation().isBlank() ? rule.remediation() : finding.remediation());
        if (!rule.references().isEmpty()) {
            ArrayNode references = remediation.putArray("references");
            rule.references().forEach(references::add);
        }

        if (!finding.evidence().isEmpty()) {
            ArrayNode evidences = event.putArray("evidences");
            for (dev.bulwark.core.EvidenceStep step : finding.evidence()) {
                ObjectNode evidence = evidences.addObject();
                evidence.putObject("actor").putObject("user").put("name", step.subject());
                evidence.putObject("data").put("action", step.action()).put("source", step.source());
            }
        }

        ObjectNode unmapped = event.putObject("unmapped");
        unmapped.put("rule_id", finding.ruleId());
        SourceLocation location = finding.location();
        unmapped.putObject("location")
                .put("file", location.file())
                .put("start_line", location.startLine())
                .put("start_column", location.startColumn())
                .put("end_line", location.endLine())
                .put("end_column", location.endColumn());
        if (!finding.path().isEmpty()) {
            unmapped.put("value_path", finding.path());
        }
        if (!finding.fix().isEmpty()) {
            unmapped.put("fix", finding.fix());
        }
        finding.suppression().ifPresent(suppression -> {
            ObjectNode node = unmapped.putObject("suppression")
                    .put("kind", suppression.kind().name().toLowerCase(Locale.ROOT))
                    .put("reason", suppression.reason())
                    .put("source", suppression.source());
            suppression.expires().ifPresent(date -> node.put("expires", date.toString()));
        });
        return event;
    }
}
