package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bulwark scan runs the account analysis over the roles and users of Terraform and CloudFormation:
 * escalation that takes two resources to see, no finding where a Deny or an unknown value stands
 * in the way.
 */
class TestIacEscalation {
    private static final String FIXTURES = "src/test/resources/iac-escalation";

    private static List<String> identityFindings(String path) throws Exception {
        CliRun run = CliRun.run("scan", path, "--format", "json", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> found = new ArrayList<>();
        for (JsonNode finding : new ObjectMapper().readTree(run.out()).path("findings")) {
            String rule = finding.path("finding_info").path("analytic").path("uid").asText();
            if (rule.startsWith("BW-IAM-")) {
                found.add(rule + " " + finding.path("resources").get(0).path("name").asText() + " "
                        + finding.path("evidences").size());
            }
        }
        return found;
    }

    @Test
    void terraformEscalationAcrossPoliciesRolesAndUsers() throws Exception {
        CliRun table = CliRun.run("scan", FIXTURES + "/terraform", "--no-color", "--fail-on", "never");
        assertThat(table.out())
                .contains("role/builder can escalate with Create a function with a privileged role and invoke it [lambda-create-invoke] "
                        + "on role/lambda-admin")
                .contains("iam:PassRole: inline pass-lambda-roles of role/builder statement PassLambdaRoles; lambda:CreateFunction: "
                        + "aws_iam_policy.functions statement Functions")
                .contains("user/dev reaches administrator-equivalent access in 2 steps")
                .contains("user/ops reaches administrator-equivalent access in 2 steps")
                .contains("role/lambda-admin is administrator-equivalent")
                .doesNotContain("role/guarded can escalate", "role/unknown-target can escalate");
        assertThat(identityFindings(FIXTURES + "/terraform")).hasSize(4).anySatisfy(line -> assertThat(line).startsWith("BW-IAM-003"));
    }

    @Test
    void cloudFormationManagedPolicyListingItsRole() throws Exception {
        CliRun table = CliRun.run("scan", FIXTURES + "/cloudformation", "--no-color", "--fail-on", "never");
        assertThat(table.out()).contains("BW-IAM-002").contains("role/ci can escalate with Attach a managed policy to itself (role)")
                .contains("SelfEdit statement EditAnyRole");
    }

    @Test
    void theRulesCanBeTurnedOffLikeAnyOther() throws Exception {
        CliRun run = CliRun.run("scan", FIXTURES + "/terraform", "--no-color", "--fail-on", "never", "--disable", "BW-IAM-002", "--disable", "BW-IAM-003");
        assertThat(run.out()).doesNotContain("BW-IAM-002", "BW-IAM-003").contains("BW-IAM-010");
    }
}
