package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScanReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestJunitReportWriter {
    private final ScanReport report = TestingReports.report();

    @Test
    void hasOneSuitePerEvaluatedRuleAndOneCasePerRuleAndResource() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<String> suites = new ArrayList<>();
        for (Element suite : elements(xml, "testsuite")) {
            suites.add(suite.getAttribute("name"));
        }
        // BW-K8S-040 ran but applied to nothing: no suite.
        assertThat(suites).containsExactly(
                "BW-DF-001: Image runs as root",
                "BW-K8S-001: Container runs privileged",
                "BW-K8S-002: Container may gain more privileges than its parent",
                "BW-K8S-010: Image uses the latest tag",
                "BW-K8S-020: Container has no memory limit",
                "BW-K8S-030: Pod shares the host network",
                "BW-PARSE-001: File could not be parsed");
        // 5 rules x 2 manifests + Dockerfile + 2 rules on stdin + 1 on the odd file + the unparsable file
        assertThat(elements(xml, "testcase")).hasSize(15);
        assertThat(root.getAttribute("tests")).isEqualTo("15");
        assertThat(root.getAttribute("failures")).isEqualTo("7");
        assertThat(root.getAttribute("skipped")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("0");
        assertThat(elements(xml, "failure")).hasSize(7);
        assertThat(elements(xml, "skipped")).hasSize(2);
    }

    @Test
    void suiteCountsMatchTheirCases() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        for (Element suite : elements(xml, "testsuite")) {
            NodeList cases = suite.getElementsByTagName("testcase");
            assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(cases.getLength()));
            assertThat(suite.getAttribute("failures"))
                    .isEqualTo(Integer.toString(suite.getElementsByTagName("failure").getLength()));
            assertThat(suite.getAttribute("skipped"))
                    .isEqualTo(Integer.toString(suite.getElementsByTagName("skipped").getLength()));
        }
    }

    @Test
    void failureNamesEachActiveFindingWithItsLocation() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        Element apiCase = testCase(xml, "BW-K8S-001", "apps/Deployment/payments/api");
        assertThat(apiCase.getAttribute("file")).isEqualTo("deploy/api.yaml");
        Element failure = (Element) apiCase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("critical");
        assertThat(failure.getAttribute("message"))
                .startsWith("deploy/api.yaml:21:13: Container 'api' runs privileged <script>alert(1)</script>")
                .endsWith("(+1 more)");
        assertThat(failure.getTextContent())
                .contains("deploy/api.yaml:21:13 [CRITICAL] BW-K8S-001 Container runs privileged")
                .contains("deploy/api.yaml:40:13 [CRITICAL] BW-K8S-001")
                .contains("Path: spec.template.spec.containers[1].securityContext.privileged")
                .contains("Remediation: Change the manifest so that the check passes.");
    }

    @Test
    void escapesMarkupAndDropsCharactersXmlCannotHold() {
        String xml = TestingReports.write("junit", report);

        assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void suppressedFindingsAreSkippedWithTheirReason() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        Element skipped = (Element) testCase(xml, "BW-K8S-010", "apps/Deployment/payments/api")
                .getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("suppressed by inline comment: pinned by digest in prod overlay");
    }

    @Test
    void parseErrorsFail() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        Element parseCase = testCase(xml, "BW-PARSE-001", "broken.yaml");
        Element failure = (Element) parseCase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("broken.yaml:3:9: mapping values are not allowed here");
    }

    @Test
    void casesWithoutFindingsPass() throws Exception {
        Document xml = parse(TestingReports.write("junit", report));

        Element hostNetwork = testCase(xml, "BW-K8S-030", "apps/StatefulSet/data/db");
        assertThat(hostNetwork.getChildNodes().getLength()).isZero();
    }

    private static Element testCase(Document xml, String ruleId, String address) {
        for (Element testCase : elements(xml, "testcase")) {
            if (testCase.getAttribute("classname").equals(ruleId) && testCase.getAttribute("name").equals(address)) {
                return testCase;
            }
        }
        throw new AssertionError("no test case " + ruleId + " / " + address);
    }

    private static List<Element> elements(Document xml, String tag) {
        NodeList nodes = xml.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
