package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSarifReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ScanReport report = TestingReports.report();

    @Test
    void isValidAgainstTheSarif210Schema() throws Exception {
        JsonNode sarif = MAPPER.readTree(TestingReports.write("sarif", report,
                ReportOptions.defaults().withSourceRoot(Path.of("/work/repo"))));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }

        Set<ValidationMessage> problems = schema.validate(sarif);

        assertThat(problems).isEmpty();
    }

    @Test
    void schemaValidationCatchesABrokenLog() throws Exception {
        JsonNode sarif = MAPPER.readTree(TestingReports.write("sarif", report));
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif.path("runs").get(0).path("results").get(0))
                .put("level", "fatal");
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }

        assertThat(schema.validate(sarif)).isNotEmpty();
    }

    @Test
    void hasTheTopLevelFieldsGithubRequires() throws Exception {
        JsonNode sarif = MAPPER.readTree(TestingReports.write("sarif", report));

        assertThat(sarif.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs")).hasSize(1);
        JsonNode driver = sarif.path("runs").get(0).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("Bulwark");
        assertThat(driver.path("informationUri").asText()).isEqualTo("https://bulwark.dev");
        assertThat(driver.path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(driver.path("semanticVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void describesEveryRuleThatRanAndTheParseErrorRule() throws Exception {
        JsonNode rules = MAPPER.readTree(TestingReports.write("sarif", report))
                .path("runs").get(0).path("tool").path("driver").path("rules");

        List<String> ids = new ArrayList<>();
        rules.forEach(rule -> ids.add(rule.path("id").asText()));
        assertThat(ids).containsExactly("BW-DF-001", "BW-K8S-001", "BW-K8S-002", "BW-K8S-010", "BW-K8S-020",
                "BW-K8S-030", "BW-K8S-040", "BW-PARSE-001");
        for (JsonNode rule : rules) {
            assertThat(rule.path("name").asText()).isNotBlank();
            assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("fullDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("help").path("text").asText()).isNotBlank();
            assertThat(rule.path("help").path("markdown").asText()).isNotBlank();
            assertThat(rule.path("properties").path("tags").toString()).contains("\"security\"");
            assertThat(rule.path("properties").path("security-severity").isTextual()).isTrue();
            assertThat(rule.path("properties").path("precision").asText()).isNotBlank();
        }
    }

    @Test
    void ruleCarriesSecuritySeverityTagsHelpAndFix() throws Exception {
        JsonNode privileged = ruleById("BW-K8S-001");

        assertThat(privileged.path("name").asText()).isEqualTo("ContainerRunsPrivileged");
        assertThat(privileged.path("properties").path("security-severity").asText()).isEqualTo("9.5");
        assertThat(ruleById("BW-K8S-002").path("properties").path("security-severity").asText()).isEqualTo("8.0");
        assertThat(privileged.path("properties").path("tags").toString())
                .contains("\"cis-kubernetes\"", "\"nist-800-53-r5\"", "\"pss-baseline\"", "\"kubernetes\"");
        assertThat(privileged.path("helpUri").asText())
                .isEqualTo("https://kubernetes.io/docs/concepts/security/pod-security-standards/");
        assertThat(privileged.path("help").path("markdown").asText())
                .contains("**How to fix:**", "```yaml\nsecurityContext:\n  privileged: false\n```");
        assertThat(privileged.path("help").path("text").asText()).contains("privileged: false");
        assertThat(ruleById("BW-DF-001").has("helpUri")).as("a reference that is not a URL is no helpUri").isFalse();
        assertThat(ruleById("BW-PARSE-001").path("fullDescription").path("text").asText()).contains("could not be parsed");
    }

    @Test
    void resultsPointAtTheirRuleAndUseRelativeForwardSlashUris() throws Exception {
        JsonNode run = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        JsonNode results = run.path("results");

        assertThat(results).hasSize(report.findings().size());
        for (JsonNode result : results) {
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(result.path("ruleId").asText());
            assertThat(result.path("message").path("text").asText()).isNotBlank();
            assertThat(result.path("level").asText()).isIn("error", "warning", "note");
        }
        JsonNode api = resultFor(results, TestingReports.find(report, "BW-K8S-001", TestingReports.API_FILE, 21));
        JsonNode physical = api.path("locations").get(0).path("physicalLocation");
        assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("deploy/api.yaml");
        assertThat(physical.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.path("region").toString())
                .isEqualTo("{\"startLine\":21,\"startColumn\":13,\"endLine\":21,\"endColumn\":29}");
        assertThat(api.path("level").asText()).isEqualTo("error");
    }

    @Test
    void escapesFileNamesAndGivesStandardInputAUri() throws Exception {
        JsonNode results = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0).path("results");

        JsonNode odd = resultFor(results, TestingReports.find(report, "BW-K8S-001", TestingReports.ODD_FILE, 5));
        assertThat(odd.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("my%20dir/app%231.yaml");
        JsonNode stdin = resultFor(results, TestingReports.find(report, "BW-K8S-001", "-", 8));
        JsonNode artifact = stdin.path("locations").get(0).path("physicalLocation").path("artifactLocation");
        assertThat(artifact.path("uri").asText()).isEqualTo("stdin");
        assertThat(artifact.has("uriBaseId")).isFalse();
    }

    @Test
    void wholeLineLocationsHaveNoColumns() throws Exception {
        JsonNode results = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0).path("results");

        JsonNode dockerfile = resultFor(results, TestingReports.find(report, "BW-DF-001", "Dockerfile", 12));

        assertThat(dockerfile.path("locations").get(0).path("physicalLocation").path("region").toString())
                .isEqualTo("{\"startLine\":12,\"endLine\":12}");
    }

    @Test
    void resultsCarryTheFingerprintAsPartialFingerprint() throws Exception {
        JsonNode results = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0).path("results");

        for (Finding finding : report.findings()) {
            assertThat(resultFor(results, finding).path("partialFingerprints").path("bulwarkFingerprint/v1").asText())
                    .isEqualTo(finding.fingerprint());
        }
    }

    @Test
    void suppressedResultsCarrySuppressionsAndActiveOnesDoNot() throws Exception {
        JsonNode results = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0).path("results");

        JsonNode inline = resultFor(results, TestingReports.find(report, "BW-K8S-010", TestingReports.API_FILE, 19));
        assertThat(inline.path("suppressions")).hasSize(1);
        assertThat(inline.path("suppressions").get(0).path("kind").asText()).isEqualTo("inSource");
        assertThat(inline.path("suppressions").get(0).path("justification").asText())
                .isEqualTo("Suppressed by inline comment: pinned by digest in prod overlay (until 2027-01-31)");
        JsonNode baseline = resultFor(results, TestingReports.find(report, "BW-K8S-020", TestingReports.DB_FILE, 30));
        assertThat(baseline.path("suppressions").get(0).path("kind").asText()).isEqualTo("external");
        int suppressed = 0;
        for (JsonNode result : results) {
            if (result.has("suppressions")) {
                suppressed++;
            }
        }
        assertThat(suppressed).isEqualTo(2);
    }

    @Test
    void statesTheSourceRootAsAnAbsoluteDirectoryUri(@TempDir Path root) throws Exception {
        JsonNode run = MAPPER.readTree(TestingReports.write("sarif", report, ReportOptions.defaults().withSourceRoot(root)))
                .path("runs").get(0);

        String uri = run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText();
        assertThat(uri).startsWith("file:///").endsWith("/");
        assertThat(Path.of(java.net.URI.create(uri))).isEqualTo(root.toAbsolutePath());
        JsonNode withoutRoot = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0);
        assertThat(withoutRoot.path("originalUriBaseIds").path("%SRCROOT%").has("uri")).isFalse();
    }

    @Test
    void reportsSkippedInputsAsToolNotifications() throws Exception {
        JsonNode notifications = MAPPER.readTree(TestingReports.write("sarif", report)).path("runs").get(0)
                .path("invocations").get(0).path("toolExecutionNotifications");

        assertThat(notifications).hasSize(2);
        assertThat(notifications.get(1).path("message").path("text").asText()).isEqualTo("skipped: larger than 10 MiB");
        assertThat(notifications.get(1).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("huge.yaml");
    }

    @Test
    void buildsArtifactUrisForRelativeAbsoluteAndStandardInputPaths() {
        assertThat(SarifReportWriter.artifactUri("deploy/api.yaml")).isEqualTo("deploy/api.yaml");
        assertThat(SarifReportWriter.artifactUri("./charts/a b/ü.yaml")).isEqualTo("charts/a%20b/%C3%BC.yaml");
        assertThat(SarifReportWriter.artifactUri("k8s\\win.yaml")).isEqualTo("k8s/win.yaml");
        assertThat(SarifReportWriter.artifactUri("a:b.yaml")).as("a colon must not read as a scheme").isEqualTo("a%3Ab.yaml");
        assertThat(SarifReportWriter.artifactUri("/etc/kube/x.yaml")).isEqualTo("file:///etc/kube/x.yaml");
        assertThat(SarifReportWriter.artifactUri("C:/repo/x.yaml")).isEqualTo("file:///C:/repo/x.yaml");
        assertThat(SarifReportWriter.artifactUri("-")).isEqualTo("stdin");
    }

    @Test
    void turnsVersionsIntoSemanticVersions() {
        assertThat(SarifReportWriter.semanticVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(SarifReportWriter.semanticVersion("1.2")).isEqualTo("1.2.0");
        assertThat(SarifReportWriter.semanticVersion("2")).isEqualTo("2.0.0");
        assertThat(SarifReportWriter.semanticVersion("dev")).isEqualTo("0.0.0");
    }

    private JsonNode ruleById(String id) throws Exception {
        JsonNode rules = MAPPER.readTree(TestingReports.write("sarif", report))
                .path("runs").get(0).path("tool").path("driver").path("rules");
        for (JsonNode rule : rules) {
            if (rule.path("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    private static JsonNode resultFor(JsonNode results, Finding finding) {
        for (JsonNode result : results) {
            if (result.path("partialFingerprints").path("bulwarkFingerprint/v1").asText().equals(finding.fingerprint())) {
                return result;
            }
        }
        throw new AssertionError("no result for " + finding.fingerprint());
    }
}
