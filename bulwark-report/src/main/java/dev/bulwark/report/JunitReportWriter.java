package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Suppression;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code junit} format, for CI test report views (GitLab, Jenkins, Azure DevOps).
 *
 * <p>One {@code <testsuite>} per rule, named {@code "<rule id>: <title>"}, because CI views list
 * suites and a failing check is what a reader looks for first; one {@code <testcase>} per resource
 * the rule was evaluated on ({@code classname} the rule id, {@code name} the resource address,
 * {@code file} the file it is in). A test case fails when the rule has active findings on that
 * resource: the single {@code <failure>} (CI tools show one per case) names the first finding in its
 * {@code message} and lists every finding with its location in its body. A case whose findings are
 * all suppressed is {@code <skipped>} with the reason; a case without findings passes. Parse errors
 * are failures of the suite {@code BW-PARSE-001}, one case per file. Rules evaluated on nothing get no suite.
 */
final class JunitReportWriter implements ReportWriter {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    /** One rule evaluated on one resource, and the findings it produced there. */
    private record TestCase(String ruleId, String address, String file, List<Finding> findings) {
        List<Finding> active() {
            List<Finding> active = new ArrayList<>();
            for (Finding finding : findings) {
                if (!finding.isSuppressed()) {
                    active.add(finding);
                }
            }
            return active;
        }
    }

    /** Test, failure and skip counts of a suite or of the whole report. */
    private record Tally(int tests, int failures, int skipped) {
        static Tally of(Iterable<TestCase> cases) {
            int tests = 0;
            int failures = 0;
            int skipped = 0;
            for (TestCase testCase : cases) {
                tests++;
                if (!testCase.active().isEmpty()) {
                    failures++;
                } else if (!testCase.findings().isEmpty()) {
                    skipped++;
                }
            }
            return new Tally(tests, failures, skipped);
        }

        Tally plus(Tally other) {
            return new Tally(tests + other.tests, failures + other.failures, skipped + other.skipped);
        }

        void writeAttributes(XMLStreamWriter xml) throws XMLStreamException {
            xml.writeAttribute("tests", Integer.toString(tests));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Integer.toString(skipped));
        }
    }

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        RuleCatalog catalog = RuleCatalog.of(report);
        Map<String, Map<String, TestCase>> suites = testCases(report);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            Tally total = new Tally(0, 0, 0);
            for (Map<String, TestCase> cases : suites.values()) {
                total = total.plus(Tally.of(cases.values()));
            }
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", Product.NAME + " " + DisplayText.xml(report.toolVersion()));
            total.writeAttributes(xml);
            xml.writeAttribute("time", seconds(report.elapsed().toMillis()));
            String timestamp = TIMESTAMP.format(report.started().truncatedTo(ChronoUnit.SECONDS));
            for (Map.Entry<String, Map<String, TestCase>> suite : suites.entrySet()) {
                writeSuite(xml, catalog.rule(suite.getKey()), suite.getValue().values(), timestamp);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** rule id -> resource address -> case, both sorted. */
    private static Map<String, Map<String, TestCase>> testCases(ScanReport report) {
        Map<String, Map<String, TestCase>> suites = new TreeMap<>();
        for (ScanReport.ScannedResource resource : report.resources()) {
            for (String ruleId : resource.ruleIds()) {
                suites.computeIfAbsent(ruleId, id -> new TreeMap<>())
                        .computeIfAbsent(resource.ref().address(),
                                address -> new TestCase(ruleId, address, resource.location().file(), new ArrayList<>()));
            }
        }
        // A finding on a pair the resource list does not name (parse errors always) still gets its case.
        for (Finding finding : report.findings()) {
            suites.computeIfAbsent(finding.ruleId(), id -> new TreeMap<>())
                    .computeIfAbsent(finding.resource().address(),
                            address -> new TestCase(finding.ruleId(), address, finding.location().file(), new ArrayList<>()))
                    .findings().add(finding);
        }
        return suites;
    }

    private static void writeSuite(XMLStreamWriter xml, RuleInfo rule, Iterable<TestCase> cases, String timestamp)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", DisplayText.xml(rule.id() + ": " + rule.title()));
        Tally.of(cases).writeAttributes(xml);
        xml.writeAttribute("time", "0");
        xml.writeAttribute("timestamp", timestamp);
        for (TestCase testCase : cases) {
            writeCase(xml, rule, testCase);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void writeCase(XMLStreamWriter xml, RuleInfo rule, TestCase testCase) throws XMLStreamException {
        List<Finding> active = testCase.active();
        xml.writeCharacters("\n    ");
        boolean empty = testCase.findings().isEmpty();
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("classname", DisplayText.xml(testCase.ruleId()));
        xml.writeAttribute("name", DisplayText.xml(testCase.address()));
        xml.writeAttribute("file", DisplayText.xml(testCase.file()));
        xml.writeAttribute("time", "0");
        if (empty) {
            return;
        }
        xml.writeCharacters("\n      ");
        if (!active.isEmpty()) {
            Finding first = active.get(0);
            String message = first.location() + ": " + first.message();
            if (active.size() > 1) {
                message += " (+" + (active.size() - 1) + " more)";
            }
            xml.writeStartElement("failure");
            xml.writeAttribute("message", DisplayText.xml(message));
            xml.writeAttribute("type", first.severity().label());
            xml.writeCharacters(DisplayText.xml(failureBody(rule, active)));
            xml.writeEndElement();
        } else {
            Finding first = testCase.findings().get(0);
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", DisplayText.xml(suppressedReason(first)));
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static String failureBody(RuleInfo rule, List<Finding> findings) {
        StringBuilder body = new StringBuilder("\n");
        for (Finding finding : findings) {
            body.append(finding.location()).append(" [").append(finding.severity().label().toUpperCase(Locale.ROOT))
                    .append("] ").append(finding.ruleId()).append(' ').append(finding.title()).append('\n');
            body.append(finding.message()).append('\n');
            body.append("Resource: ").append(finding.resource().type()).append(' ').append(finding.resource().address())
                    .append('\n');
            if (!finding.path().isEmpty()) {
                body.append("Path: ").append(finding.path()).append('\n');
            }
            if (!finding.evidence().isEmpty()) {
                body.append("Evidence:\n");
                for (String step : EvidenceText.lines(finding.evidence())) {
                    body.append("  ").append(step).append('\n');
                }
            }
            String remediation = finding.remediation().isBlank() ? rule.remediation() : finding.remediation();
            if (!remediation.isBlank()) {
                body.append("Remediation: ").append(remediation.strip()).append('\n');
            }
            body.append('\n');
        }
        return body.toString();
    }

    private static String suppressedReason(Finding finding) {
        Suppression suppression = finding.suppression().orElseThrow();
        String reason = "suppressed by " + suppression.label();
        return suppression.reason().isBlank() ? reason : reason + ": " + suppression.reason();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
