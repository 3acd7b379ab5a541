package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundled examples are what a newcomer sees first: the insecure ones must show the problems
 * they were written to show, and the hardened ones must come out clean.
 */
class TestExamples {
    private static final String EXAMPLES = "../examples";

    private static Set<String> activeFindings(String path) throws IOException {
        CliRun run = CliRun.run("scan", path, "--format", "json", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        Set<String> found = new HashSet<>();
        for (JsonNode finding : root.path("findings")) {
            if (!finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                found.add(finding.path("finding_info").path("uid").asText().isEmpty() ? "" : finding.path("compliance").path("control").asText()
                        + "@" + finding.path("unmapped").path("location").path("file").asText());
            }
        }
        return found;
    }

    @Test
    void hardenedManifestHasNoActiveFinding() throws IOException {
        assertThat(activeFindings(EXAMPLES + "/kubernetes/hardened.yaml")).isEmpty();
    }

    @Test
    void insecureManifestsShowWhatTheyWereWrittenFor() throws IOException {
        Set<String> found = activeFindings(EXAMPLES + "/kubernetes");
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-001@").endsWith("node-exporter.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-007@").endsWith("payments.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-032@").endsWith("payments.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-035@").endsWith("rbac.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-033@").endsWith("rbac.yaml"));
    }

    @Test
    void dockerfilesShowWhatTheyWereWrittenFor() throws IOException {
        assertThat(activeFindings(EXAMPLES + "/docker/worker")).isEmpty();
        Set<String> found = activeFindings(EXAMPLES + "/docker/api");
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-001@"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-006@"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-007@"));
    }

    /** {@code rule file:line address} of each active finding. */
    private static Set<String> locatedFindings(String... paths) throws IOException {
        String[] args = new String[paths.length + 5];
        args[0] = "scan";
        System.arraycopy(paths, 0, args, 1, paths.length);
        args[paths.length + 1] = "--format";
        args[paths.length + 2] = "json";
        args[paths.length + 3] = "--fail-on";
        args[paths.length + 4] = "never";
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        Set<String> found = new HashSet<>();
        for (JsonNode finding : root.path("findings")) {
            if (finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                continue;
            }
            JsonNode location = finding.path("unmapped").path("location");
            String file = location.path("file").asText();
            found.add(finding.path("unmapped").path("rule_id").asText() + " " + file.substring(file.indexOf("examples/") + 9)
                    + ":" + location.path("start_line").asInt() + " "
                    + finding.path("resources").get(0).path("uid").asText().replaceFirst("^.*examples/", ""));
        }
        return found;
    }

    @Test
    void rbacAnalysisReportsTheCiServiceAccountAtItsBinding() throws IOException {
        assertThat(locatedFindings(EXAMPLES + "/kubernetes")).contains(
                "BW-K8S-RBAC-001 kubernetes/rbac.yaml:20 rbac/ServiceAccount/ci/ci");
    }

    @Test
    void terraformStackIsReportedAtTheLinesAndAddressesTerraformUses() throws IOException {
        Set<String> found = locatedFindings(EXAMPLES + "/terraform");
        String prod = "terraform/envs/prod: ";
        assertThat(found).contains(
                // SSH from 0.0.0.0/0 added by a dynamic block inside a module: the content line.
                "BW-AWS-EC2-001 terraform/modules/network/main.tf:77 " + prod + "module.network.aws_security_group.bastion",
                // for_each instance with values from terraform.tfvars through module inputs.
                "BW-AWS-S3-001 terraform/modules/storage/main.tf:43 " + prod + "module.buckets[\"assets\"].aws_s3_bucket.this",
                "BW-AWS-S3-006 terraform/modules/storage/main.tf:15 " + prod + "module.buckets[\"assets\"].aws_s3_bucket.this",
                "BW-AWS-RDS-004 terraform/modules/database/main.tf:26 " + prod + "module.orders_db.aws_db_instance.this",
                "BW-AWS-EC2-019 terraform/modules/network/main.tf:34 " + prod + "module.network.aws_subnet.public[1]",
                // A policy written with the aws_iam_policy_document data source, at its statement.
                "BW-AWS-IAM-001 terraform/envs/prod/main.tf:122 aws_iam_policy.deployer");
        // What the configuration settles must not be reported: encryption with a computed key,
        // the invoices bucket's private ACL (count = 0), the VPC's flow log (count = 1 from an input),
        // HTTPS from anywhere, and nothing from the module that is not downloaded.
        assertThat(found).noneMatch(finding -> finding.startsWith("BW-AWS-RDS-001 "));
        assertThat(found).noneMatch(finding -> finding.startsWith("BW-AWS-EC2-020 "));
        assertThat(found).noneMatch(finding -> finding.contains("invoices") && finding.startsWith("BW-AWS-S3-001 "));
        assertThat(found).noneMatch(finding -> finding.contains("aws_security_group.web") && finding.startsWith("BW-AWS-EC2-"));
        assertThat(found).noneMatch(finding -> finding.contains("access_logs") && finding.startsWith("BW-AWS-S3-009 "));
        assertThat(found).noneMatch(finding -> finding.contains("module.cdn"));
    }

    @Test
    void cloudFormationAndSamTemplatesShowWhatTheyWereWrittenFor() throws IOException {
        Set<String> found = locatedFindings(EXAMPLES + "/cloudformation");
        assertThat(found).contains(
                "BW-AWS-EC2-001 cloudformation/storefront.yaml:49 AdminAccess",
                "BW-AWS-EC2-002 cloudformation/storefront.yaml:53 AdminAccess",
                "BW-AWS-S3-001 cloudformation/storefront.yaml:23 Assets",
                "BW-AWS-S3-004 cloudformation/storefront.yaml:36 AssetsPolicy",
                "BW-AWS-RDS-002 cloudformation/storefront.yaml:67 Orders",
                "BW-AWS-CT-001 cloudformation/storefront.yaml:75 Trail",
                "BW-AWS-LAM-001 cloudformation/checkout-sam.yaml:17 CheckoutUrl",
                "BW-AWS-LAM-002 cloudformation/checkout-sam.yaml:19 Checkout",
                "BW-AWS-LAM-003 cloudformation/checkout-sam.yaml:7 Checkout");
        // The HTTPS rule's CIDR is imported from another stack, the password comes from a NoEcho parameter.
        assertThat(found).noneMatch(finding -> finding.contains("storefront.yaml:57"));
        assertThat(found).noneMatch(finding -> finding.startsWith("BW-AWS-RDS-009 "));
    }

    @Test
    void appExampleShowsItsSecretsRedactedAndNotItsReferences() throws IOException {
        assertThat(locatedFindings(EXAMPLES + "/app")).containsExactlyInAnyOrder(
                "BW-SEC-002 app/.env:5 app/.env",
                "BW-SEC-037 app/.env:8 app/.env",
                "BW-SEC-157 app/.env:7 app/.env",
                "BW-SEC-018 app/release.sh:4 app/release.sh");
        CliRun table = CliRun.run("scan", EXAMPLES + "/app");
        assertThat(table.exitCode()).isEqualTo(1);
        // The placeholder is informational, the accepted key is suppressed inline, no value is shown whole.
        assertThat(table.out()).contains("INFO").contains("1 suppressed finding").contains("gh…2T")
                .doesNotContain("ghp_xGeD").doesNotContain("gzSY9YW3").doesNotContain("SG.1bp");
    }

    @Test
    void examplesFolderFailsAtItsConfiguredThreshold() {
        CliRun run = CliRun.run("scan", EXAMPLES);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("node-exporter.yaml").doesNotContain("hardened.yaml").doesNotContain("Exception");
    }
}
