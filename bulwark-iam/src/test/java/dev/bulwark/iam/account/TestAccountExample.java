package dev.bulwark.iam.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled example export shows exactly what it was written to show. */
class TestAccountExample {
    private static final Path EXAMPLE = Path.of("../examples/iam/auth-details.json");

    @Test
    void exampleExportGivesTheFindingsItWasWrittenFor() throws IOException {
        AccountExport export = new AccountExportReader().read(Files.readString(EXAMPLE, StandardCharsets.UTF_8), "auth-details.json");
        assertThat(export.warnings()).isEmpty();
        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults());
        List<String> found = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            found.add(finding.ruleId() + " " + finding.severity().label() + " L" + finding.location().startLine() + " "
                    + TestingExport.display(finding) + " " + TestingExport.key(finding));
        }
        assertThat(found).containsExactly(
                "BW-IAM-001 high L5 user/alice -",
                "BW-IAM-003 high L26 user/carol -",
                "BW-IAM-002 high L57 user/dana lambda-create-invoke",
                "BW-IAM-011 info L95 user/erin iam-put-user-policy",
                "BW-IAM-011 info L126 user/frank lambda-create-invoke",
                "BW-IAM-001 high L209 group/admins -",
                "BW-IAM-004 medium L257 role/analytics-etl -",
                "BW-IAM-001 high L379 role/break-glass -",
                "BW-IAM-009 critical L414 role/github-deploy -",
                "BW-IAM-001 high L500 role/lambda-admin -",
                "BW-IAM-010 medium L500 role/lambda-admin -",
                "BW-IAM-002 high L530 role/ops-automation iam-attach-role-policy",
                "BW-IAM-008 medium L613 role/vendor-monitoring -");
        assertThat(analysis.resources()).hasSize(21);
        // The clean ones: the read-only user, the scoped CI role, the vendor with an external id, the scoped worker.
        assertThat(found).noneMatch(key -> key.contains("user/grace") || key.contains("github-terraform-plan")
                || key.contains("vendor-backup") || key.contains("app-worker") || key.contains("AWSServiceRoleForSupport"));
    }
}
