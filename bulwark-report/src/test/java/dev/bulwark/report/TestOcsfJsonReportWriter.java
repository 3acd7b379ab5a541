package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestOcsfJsonReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ScanReport report = TestingReports.report();

    @Test
    void everyFindingIsAnOcsfComplianceFinding() throws Exception {
        JsonNode findings = MAPPER.readTree(TestingReports.write("json", report)).path("findings");

        assertThat(findings).hasSize(report.findings().size());
        for (JsonNode finding : findings) {
            assertThat(finding.path("class_uid").asInt()).isEqualTo(2003);
            assertThat(finding.path("category_uid").asInt()).isEqualTo(2);
            assertThat(finding.path("activity_id").asInt()).isEqualTo(1);
            assertThat(finding.path("type_uid").asInt()).isEqualTo(200301);
            assertThat(finding.path("time").asLong()).isEqualTo(TestingReports.STARTED.toEpochMilli());
            assertThat(finding.path("metadata").path("version").asText()).isEqualTo("1.3.0");
            assertThat(finding.path("metadata").path("product").path("name").asText()).isEqualTo("Bulwark");
            assertThat(finding.path("metadata").path("product").path("vendor_name").asText()).isNotBlank();
            assertThat(finding.path("metadata").path("product").path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(finding.path("finding_info").path("uid").asText()).hasSize(32);
            assertThat(finding.path("compliance").has("standards")).isTrue();
            assertThat(finding.path("resources")).hasSize(1);
        }
    }

    @Test
    void mapsSeverityResourceRuleAndCompliance() throws Exception {
        Finding source = TestingReports.find(report, "BW-K8S-001", TestingReports.API_FILE, 21);
        JsonNode finding = findingFor(source);

        assertThat(finding.path("severity_id").asInt()).isEqualTo(5);
        assertThat(finding.path("severity").asText()).isEqualTo("Critical");
        assertThat(finding.path("message").asText()).isEqualTo(TestingReports.HOSTILE_MESSAGE);
        assertThat(finding.path("finding_info").path("title").asText()).isEqualTo("Container runs privileged");
        assertThat(finding.path("finding_info").path("desc").asText()).contains("description of what the rule checks");
        assertThat(texts(finding.path("finding_info").path("types"))).containsExactly("Misconfiguration");
        assertThat(finding.path("finding_info").path("analytic").path("uid").asText()).isEqualTo("BW-K8S-001");
        assertThat(finding.path("compliance").path("control").asText()).isEqualTo("BW-K8S-001");
        assertThat(texts(finding.path("compliance").path("standards")))
                .containsExactly("cis-kubernetes", "nist-800-53-r5", "pss-baseline");
        assertThat(texts(finding.path("compliance").path("requirements")))
                .containsExactly("cis-kubernetes 5.2.2", "nist-800-53-r5 AC-6", "pss-baseline privileged-containers");
        assertThat(finding.path("compliance").path("status").asText()).isEqualTo("Fail");
        JsonNode resource = finding.path("resources").get(0);
        assertThat(resource.path("type").asText()).isEqualTo("Deployment");
        assertThat(resource.path("uid").asText()).isEqualTo("apps/Deployment/payments/api");
        assertThat(resource.path("name").asText()).isEqualTo("api");
        assertThat(finding.path("remediation").path("desc").asText()).isEqualTo("Change the manifest so that the check passes.");
        assertThat(texts(finding.path("remediation").path("references")))
                .containsExactly("https://kubernetes.io/docs/concepts/security/pod-security-standards/");
    }

    @Test
    void keepsLocationValuePathAndFixUnderUnmapped() throws Exception {
        JsonNode unmapped = findingFor(TestingReports.find(report, "BW-K8S-001", TestingReports.API_FILE, 21)).path("unmapped");

        assertThat(unmapped.path("location").toString()).isEqualTo(
                "{\"file\":\"deploy/api.yaml\",\"start_line\":21,\"start_column\":13,\"end_line\":21,\"end_column\":29}");
        assertThat(unmapped.path("value_path").asText()).isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
        assertThat(unmapped.path("fix").asText()).isEqualTo("securityContext:\n  privileged: false");
    }

    @Test
    void suppressedFindingsHaveStatusSuppressedAndActiveOnesNew() throws Exception {
        JsonNode inline = findingFor(TestingReports.find(report, "BW-K8S-010", TestingReports.API_FILE, 19));
        JsonNode active = findingFor(TestingReports.find(report, "BW-K8S-002", TestingReports.DB_FILE, 25));

        assertThat(inline.path("status").asText()).isEqualTo("Suppressed");
        assertThat(inline.path("status_id").asInt()).isEqualTo(3);
        assertThat(inline.path("comment").asText()).isEqualTo("pinned by digest in prod overlay");
        assertThat(inline.path("unmapped").path("suppression").path("kind").asText()).isEqualTo("inline");
        assertThat(inline.path("unmapped").path("suppression").path("expires").asText()).isEqualTo("2027-01-31");
        assertThat(active.path("status").asText()).isEqualTo("New");
        assertThat(active.path("status_id").asInt()).isEqualTo(1);
        assertThat(active.has("comment")).isFalse();
    }

    @Test
    void parseErrorsAreComplianceFindingsWithWarningStatus() throws Exception {
        JsonNode parse = findingFor(TestingReports.find(report, "BW-PARSE-001", "broken.yaml", 3));

        assertThat(parse.path("class_uid").asInt()).isEqualTo(2003);
        assertThat(parse.path("compliance").path("status").asText()).isEqualTo("Warning");
        assertThat(parse.path("compliance").path("status_id").asInt()).isEqualTo(2);
        assertThat(texts(parse.path("finding_info").path("types"))).containsExactly("Parse Error");
        assertThat(parse.path("finding_info").path("desc").asText()).contains("could not be parsed");
    }

    @Test
    void hasSummaryAndWarnings() throws Exception {
        JsonNode root = MAPPER.readTree(TestingReports.write("json", report));

        JsonNode summary = root.path("summary");
        assertThat(summary.path("findings").asInt()).isEqualTo(8);
        assertThat(summary.path("by_severity").toString())
                .isEqualTo("{\"critical\":4,\"high\":3,\"medium\":1,\"low\":0,\"info\":0}");
        assertThat(summary.path("suppressed").asInt()).isEqualTo(2);
        assertThat(summary.path("files_scanned").asInt()).isEqualTo(6);
        assertThat(summary.path("files_with_findings").asInt()).isEqualTo(6);
        assertThat(summary.path("resources").asInt()).isEqualTo(5);
        assertThat(summary.has("compliance")).as("no framework was selected").isFalse();
        assertThat(root.path("warnings")).hasSize(2);
        assertThat(root.path("warnings").get(0).path("file").asText()).isEqualTo("bin/tool.yaml");
        assertThat(root.path("warnings").get(0).path("message").asText()).isEqualTo("skipped: binary file");
    }

    @Test
    void summarizesControlsOfTheSelectedFrameworks() throws Exception {
        JsonNode compliance = MAPPER.readTree(TestingReports.write("json", TestingReports.report(List.of("pss-baseline"))))
                .path("summary").path("compliance");

        assertThat(compliance).hasSize(1);
        assertThat(compliance.get(0).path("framework").asText()).isEqualTo("pss-baseline");
        assertThat(compliance.get(0).path("failed").asInt()).isEqualTo(1);
        assertThat(compliance.get(0).path("passed").asInt()).isEqualTo(1);
    }

    @Test
    void usesUnixLineEndsAndEndsWithANewline() {
        String json = TestingReports.write("json", report);

        assertThat(json).doesNotContain("\r").endsWith("}\n").contains("\n  \"findings\": [");
    }

    @Test
    void secretFindingsHaveTheSecretType() throws Exception {
        RuleInfo rule = new RuleInfo("BW-SEC-018", "GitHub personal access token (classic)", Severity.CRITICAL, "secrets",
                List.of(), "", "", "Revoke the token.", Map.of(), List.of(), Map.of("nist-800-53-r5", List.of("IA-5")), "builtin:test");
        Finding secret = new Finding(rule.id(), rule.severity(), FindingType.SECRET, rule.title(), "GitHub token gh…9Q",
                new ResourceRef("File", ".env", ".env"), SourceLocation.ofLine(".env", 3), "", CodeSnippet.empty(),
                rule.remediation(), "", rule.compliance(), Optional.empty(), "0123456789abcdef0123456789abcdef");
        ScanReport secrets = new ScanReport("0.1.0-SNAPSHOT", TestingReports.STARTED, Duration.ofMillis(5), List.of(secret),
                List.of(), List.of(rule), List.of(), List.of(), 1);

        JsonNode finding = MAPPER.readTree(TestingReports.write("json", secrets)).path("findings").get(0);

        assertThat(texts(finding.path("finding_info").path("types"))).containsExactly("Secret");
        assertThat(finding.path("compliance").path("status").asText()).isEqualTo("Fail");
    }

    private JsonNode findingFor(Finding source) throws Exception {
        JsonNode findings = MAPPER.readTree(TestingReports.write("json", report)).path("findings");
        for (JsonNode finding : findings) {
            if (finding.path("finding_info").path("uid").asText().equals(source.fingerprint())) {
                return finding;
            }
        }
        throw new AssertionError("no OCSF finding for " + source.fingerprint());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
