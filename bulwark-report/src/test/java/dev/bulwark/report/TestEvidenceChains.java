package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An identity finding's evidence chain appears in every report format, in order. */
class TestEvidenceChains {
    private static final RuleInfo ESCALATION = new RuleInfo("BW-IAM-010", "Principal can escalate to administrator", Severity.HIGH,
            "aws-iam", List.of(), "The principal can gain administrator access.", "Escalation defeats least privilege.",
            "Remove iam:PassRole on the admin role.", Map.of(), List.of(), Map.of("nist-800-53-r5", List.of("AC-6")),
            "builtin:bulwark/iam/aws-identity-rules.yaml");

    private static ScanReport report() {
        List<EvidenceStep> chain = List.of(
                new EvidenceStep("user/dev", "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
                        "policy DeployTools statement Lambda"),
                new EvidenceStep("role/<b>ops</b>", "every action on every resource", "policy AdministratorAccess"));
        Finding finding = new Finding(ESCALATION.id(), Severity.HIGH, FindingType.IDENTITY_RISK, ESCALATION.title(),
                "user/dev can become role/ops, an administrator, by passing it to a Lambda function it creates",
                new ResourceRef("AWS::IAM::User", "arn:aws:iam::111122223333:user/dev", "dev"),
                new SourceLocation("auth-details.json", 12, 7, 12, 20), "", CodeSnippet.empty(), ESCALATION.remediation(), "",
                ESCALATION.compliance(), Optional.empty(), "f1", chain);
        return new ScanReport("test", Instant.EPOCH, Duration.ofMillis(5), List.of(finding), List.of(), List.of(ESCALATION),
                List.of(), List.of(), 1);
    }

    @Test
    void tableJunitAndSarifListTheStepsInOrder() throws Exception {
        String table = TestingReports.write("table", report());
        assertThat(table).contains("\u2192 1. user/dev: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction "
                + "(policy DeployTools statement Lambda)").contains("\u2192 2. role/<b>ops</b>: every action on every resource");
        assertThat(table.indexOf("1. user/dev")).isLessThan(table.indexOf("2. role/"));

        String junit = TestingReports.write("junit", report());
        assertThat(junit).contains("Evidence:").contains("  1. user/dev: iam:PassRole").contains("&lt;b&gt;ops");

        JsonNode sarif = new ObjectMapper().readTree(TestingReports.write("sarif", report()));
        JsonNode result = sarif.path("runs").get(0).path("results").get(0);
        assertThat(result.path("properties").path("evidence")).hasSize(2);
        assertThat(result.path("properties").path("evidence").get(1).path("source").asText()).isEqualTo("policy AdministratorAccess");
        assertThat(result.path("message").path("text").asText()).contains("\n2. role/<b>ops</b>: every action");
    }

    @Test
    void ocsfCarriesEvidencesAndTheIdentityType() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TestingReports.write("json", report()));
        JsonNode event = root.path("findings").get(0);
        assertThat(event.path("finding_info").path("types").get(0).asText()).isEqualTo("Identity Risk");
        assertThat(event.path("evidences")).hasSize(2);
        assertThat(event.path("evidences").get(0).path("actor").path("user").path("name").asText()).isEqualTo("user/dev");
        assertThat(event.path("evidences").get(0).path("data").path("action").asText()).startsWith("iam:PassRole");
    }

    @Test
    void htmlShowsTheChainEscaped() {
        String html = TestingReports.write("html", report());
        assertThat(html).contains("<ol class=\"chain\" aria-label=\"Evidence chain\">")
                .contains("<li><span class=\"subject\">user/dev</span> <span class=\"via\">iam:PassRole + lambda:CreateFunction")
                .contains("<span class=\"subject\">role/&lt;b&gt;ops&lt;/b&gt;</span>")
                .doesNotContain("role/<b>ops</b>");
    }
}
