package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report for a terminal: active findings grouped by file, one line each, then
 * the suppressed count, totals by severity, the per-control compliance table when the scan was
 * limited to frameworks, and skipped inputs. Colours only when {@link ReportOptions#color()} says so;
 * untrusted text is always stripped of control characters.
 */
final class TableReportWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BLUE = "\u001b[34m";
    private static final String CRITICAL_STYLE = "\u001b[1;97;41m";
    private static final String HIGH_STYLE = "\u001b[1;31m";

    private final boolean color;

    TableReportWriter(ReportOptions options) {
        this.color = requireNonNull(options, "options is null").color();
    }

    @Override
    public String format() {
        return "table";
    }

    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(render(report));
        writer.flush();
    }

    private String render(ScanReport report) {
        StringBuilder out = new StringBuilder();
        ReportSummary summary = ReportSummary.of(report);
        writeFindings(out, report);
        if (summary.suppressed() > 0) {
            out.append(style(DIM, summary.suppressed() + " suppressed " + plural(summary.suppressed(), "finding")
                    + " not shown (" + summary.suppressedCounts() + ")")).append('\n');
        }
        writeSummary(out, report, summary);
        writeCompliance(out, ComplianceSummary.ofSelectedFrameworks(report));
        writeWarnings(out, report.warnings());
        return out.toString();
    }

    private void writeFindings(StringBuilder out, ScanReport report) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            if (!finding.isSuppressed()) {
                byFile.computeIfAbsent(finding.location().file(), file -> new ArrayList<>()).add(finding);
            }
        }
        if (byFile.isEmpty()) {
            out.append(style(GREEN, "No findings.")).append("\n\n");
            return;
        }
        int ruleWidth = 0;
        int lineWidth = 1;
        for (List<Finding> findings : byFile.values()) {
            for (Finding finding : findings) {
                ruleWidth = Math.max(ruleWidth, DisplayText.terminalLine(finding.ruleId()).length());
                lineWidth = Math.max(lineWidth, Integer.toString(finding.location().startLine()).length());
            }
        }
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            int count = file.getValue().size();
            out.append(style(BOLD, DisplayText.terminalLine(displayFile(file.getKey()))))
                    .append(style(DIM, " (" + count + " " + plural(count, "finding") + ")"))
                    .append('\n');
            for (Finding finding : file.getValue()) {
                out.append("  ")
                        .append(severityCell(finding.severity()))
                        .append("  ")
                        .append(padRight(DisplayText.terminalLine(finding.ruleId()), ruleWidth))
                        .append("  ")
                        .append(style(DIM, padLeft("L" + finding.location().startLine(), lineWidth + 1)))
                        .append("  ")
                        .append(DisplayText.terminalLine(headline(finding)))
                        .append("  ")
                        .append(style(DIM, "[" + DisplayText.terminalLine(finding.resource().address()) + "]"))
                        .append('\n');
                for (String step : EvidenceText.lines(finding.evidence())) {
                    out.append("      ").append(style(DIM, "\u2192 ")).append(DisplayText.terminalLine(step)).append('\n');
                }
            }
            out.append('\n');
        }
    }

    private void writeSummary(StringBuilder out, ScanReport report, ReportSummary summary) {
        List<String> parts = new ArrayList<>();
        for (Severity severity : ReportSummary.MOST_SEVERE_FIRST) {
            String part = summary.count(severity) + " " + severity.label();
            parts.add(summary.count(severity) > 0 ? style(severityStyle(severity), part) : part);
        }
        out.append(style(BOLD, "Findings: ")).append(String.join(", ", parts))
                .append(" (").append(summary.active()).append(" total")
                .append(summary.suppressed() > 0 ? ", " + summary.suppressed() + " suppressed" : "")
                .append(") in ").append(summary.filesWithFindings()).append(" of ").append(summary.filesScanned())
                .append(' ').append(plural(summary.filesScanned(), "file")).append(" scanned; ")
                .append(summary.resources()).append(' ').append(plural(summary.resources(), "resource")).append(", ")
                .append(summary.rules()).append(' ').append(plural(summary.rules(), "rule"))
                .append(String.format(Locale.ROOT, ", %.1f s", report.elapsed().toMillis() / 1000.0))
                .append('\n');
    }

    private void writeCompliance(StringBuilder out, ComplianceSummary compliance) {
        for (ComplianceSummary.Framework framework : compliance.frameworks()) {
            out.append('\n').append(style(BOLD, "Compliance: " + DisplayText.terminalLine(framework.id())))
                    .append(" (").append(framework.count(ComplianceSummary.Status.FAIL)).append(" failed, ")
                    .append(framework.count(ComplianceSummary.Status.PASS)).append(" passed, ")
                    .append(framework.count(ComplianceSummary.Status.NOT_EVALUATED)).append(" not evaluated")
                    .append(framework.count(ComplianceSummary.Status.MANUAL) > 0
                            ? ", " + framework.count(ComplianceSummary.Status.MANUAL) + " manual" : "")
                    .append(")\n");
            if (framework.controls().isEmpty()) {
                out.append("  no rule maps to this framework\n");
                continue;
            }
            int controlWidth = "CONTROL".length();
            for (ComplianceSummary.Control control : framework.controls()) {
                controlWidth = Math.max(controlWidth, DisplayText.terminalLine(control.id()).length());
            }
            int statusWidth = "not evaluated".length();
            out.append("  ").append(style(DIM, padRight("CONTROL", controlWidth) + "  " + padRight("STATUS", statusWidth)
                    + "  " + padRight("FINDINGS", 8) + "  RULES")).append('\n');
            for (ComplianceSummary.Control control : framework.controls()) {
                String findings = Integer.toString(control.activeFindings());
                if (control.suppressedFindings() > 0) {
                    findings += " (+" + control.suppressedFindings() + ")";
                }
                out.append("  ").append(padRight(DisplayText.terminalLine(control.id()), controlWidth)).append("  ")
                        .append(statusCell(control.status(), statusWidth)).append("  ")
                        .append(padRight(findings, 8)).append("  ")
                        .append(DisplayText.terminalLine(control.status() == ComplianceSummary.Status.MANUAL
                                ? control.title() + (control.title().isEmpty() ? "" : ": ") + control.note()
                                : String.join(", ", control.ruleIds())))
                        .append('\n');
            }
        }
    }

    private void writeWarnings(StringBuilder out, List<ScanWarning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        out.append('\n').append(style(YELLOW, "Warnings (" + warnings.size() + "):")).append('\n');
        for (ScanWarning warning : warnings) {
            out.append("  ").append(DisplayText.terminalLine(warning.toString())).append('\n');
        }
    }

    private String severityCell(Severity severity) {
        return style(severityStyle(severity), padRight(severity.label().toUpperCase(Locale.ROOT), 8));
    }

    private String statusCell(ComplianceSummary.Status status, int width) {
        String text = padRight(status.label(), width);
        return switch (status) {
            case PASS -> style(GREEN, text);
            case FAIL -> style(HIGH_STYLE, text);
            case NOT_EVALUATED -> style(DIM, text);
            case MANUAL -> style(YELLOW, text);
        };
    }

    private static String severityStyle(Severity severity) {
        return switch (severity) {
            case CRITICAL -> CRITICAL_STYLE;
            case HIGH -> HIGH_STYLE;
            case MEDIUM -> YELLOW;
            case LOW -> BLUE;
            case INFO -> DIM;
        };
    }

    private String style(String code, String text) {
        if (!color) {
            return text;
        }
        return code + text + RESET;
    }

    /** The title, and the message when it says more than the title. */
    static String headline(Finding finding) {
        if (finding.message().isBlank() || finding.message().equals(finding.title())) {
            return finding.title();
        }
        return finding.title() + ": " + finding.message();
    }

    static String displayFile(String file) {
        return file.equals("-") ? "(standard input)" : file;
    }

    private static String plural(int count, String noun) {
        return count == 1 ? noun : noun + "s";
    }

    private static String padRight(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }

    private static String padLeft(String text, int width) {
        StringBuilder padded = new StringBuilder();
        while (padded.length() + text.length() < width) {
            padded.append(' ');
        }
        return padded.append(text).toString();
    }
}
