package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark iam lint: compiler-style text, json and sarif, exit codes, several files, unreadable files. */
class TestIamLintCommand {
    private static final String EXAMPLES = "../examples/iam/policies/";
    private static final String ONLY_WARNINGS = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "S3:GetObject"], "Resource": "arn:aws:s3:::b/*"}
            ]}
            """;
    private static final String ONE_ERROR = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"}
            ]}
            """;

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    void theCleanExamplePassesAndTheOthersFail() {
        CliRun clean = CliRun.run("iam", "lint", EXAMPLES + "deploy-clean.json");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).isEqualTo("1 file checked: 0 errors, 0 warnings\n");

        CliRun bucket = CliRun.run("iam", "lint", EXAMPLES + "bucket-website.json");
        assertThat(bucket.exitCode()).isEqualTo(1);
        assertThat(bucket.out().lines().toList()).containsExactly(
                EXAMPLES + "bucket-website.json:8:20: warning: this Allow names every principal (\"*\"), anonymous callers and every AWS"
                        + " account included, without a condition; name the accounts or roles, or add a condition such as"
                        + " aws:PrincipalOrgID or aws:SourceAccount [public-principal]",
                EXAMPLES + "bucket-website.json:16:34: error: 's3:ListBucket' acts on bucket (arn:${Partition}:s3:::${BucketName}) and"
                        + " accesspoint (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}), and none of the listed"
                        + " resources is one; add 'arn:aws:s3:::example-site' to the resources [action-resource-mismatch]",
                EXAMPLES + "bucket-website.json:22:7: error: AWS does not support NotPrincipal with \"Allow\" (it would grant everyone"
                        + " not listed); write Principal, or use \"Deny\" with a condition on aws:PrincipalArn [allow-not-principal]",
                "1 file checked: 2 errors, 1 warning");
    }

    @Test
    void allExamplesInOneRunAreReportedFileByFileInPositionOrder() {
        CliRun run = CliRun.run("iam", "lint", EXAMPLES + "bucket-website.json", EXAMPLES + "deploy-clean.json", EXAMPLES + "mistakes.json",
                EXAMPLES + "trust-github-actions.json");
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 files checked: 13 errors, 14 warnings");
        List<String> files = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            String file = line.substring(0, line.indexOf(".json:") + 5);
            if (files.isEmpty() || !files.get(files.size() - 1).equals(file)) {
                files.add(file);
            }
        }
        assertThat(files).containsExactly(EXAMPLES + "bucket-website.json", EXAMPLES + "mistakes.json",
                EXAMPLES + "trust-github-actions.json");
        assertThat(run.out()).contains("mistakes.json:7:34: error: s3 has no action 'GetObjekt'; did you mean 's3:GetObject'?"
                + " [unknown-action]", "trust-github-actions.json:15:14: error: Sid 'break-glass' has characters that a trust policy"
                + " rejects");
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        String warnings = write("warnings.json", ONLY_WARNINGS);
        String errors = write("errors.json", ONE_ERROR);
        assertThat(CliRun.run("iam", "lint", warnings).exitCode()).isZero();
        assertThat(CliRun.run("iam", "lint", warnings, "--fail-on", "warning").exitCode()).isEqualTo(1);
        assertThat(CliRun.run("iam", "lint", errors).exitCode()).isEqualTo(1);
        assertThat(CliRun.run("iam", "lint", errors, "--fail-on", "never").exitCode()).isZero();
        CliRun bad = CliRun.run("iam", "lint", errors, "--fail-on", "critical");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--fail-on: unknown level 'critical' (accepted: error, warning, never)");
    }

    @Test
    void kindChoosesTheGrammarAndQuota() throws IOException {
        String scp = write("scp.json", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "Deny-Leave", "Effect": "Deny", "Action": "organizations:LeaveOrganization",
                  "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
                """);
        CliRun asScp = CliRun.run("iam", "lint", scp, "--kind", "scp");
        assertThat(asScp.out()).contains(":1:49: error: Sid 'Deny-Leave' has characters that a service control policy rejects")
                .doesNotContain("full-admin");
        CliRun inferred = CliRun.run("iam", "lint", scp);
        assertThat(inferred.out()).contains("[full-admin]");
        CliRun unknown = CliRun.run("iam", "lint", scp, "--kind", "bucket-policy");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--kind: unknown kind 'bucket-policy' (accepted: identity, inline-user, inline-role,"
                + " inline-group, resource, bucket, kms-key, trust, boundary, session, scp, rcp)");
    }

    @Test
    void jsonListsEveryFileWithItsKindAndIssues() throws IOException {
        String errors = write("errors.json", ONE_ERROR);
        CliRun run = CliRun.run("iam", "lint", errors, EXAMPLES + "trust-github-actions.json", "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("errors").asInt()).isEqualTo(2);
        assertThat(root.path("warnings").asInt()).isEqualTo(1);
        JsonNode first = root.path("files").get(0);
        assertThat(first.path("file").asText()).isEqualTo(errors);
        assertThat(first.path("kind").asText()).isEqualTo("identity");
        assertThat(first.path("kindInferred").asBoolean()).isTrue();
        JsonNode issue = first.path("issues").get(0);
        assertThat(issue.path("line").asInt()).isEqualTo(2);
        assertThat(issue.path("column").asInt()).isEqualTo(33);
        assertThat(issue.path("level").asText()).isEqualTo("error");
        assertThat(issue.path("code").asText()).isEqualTo("unknown-action");
        assertThat(issue.path("message").asText()).isEqualTo("s3 has no action 'GetObjekt'; did you mean 's3:GetObject'?");
        assertThat(root.path("files").get(1).path("kind").asText()).isEqualTo("trust");
    }

    @Test
    void sarifPutsEachIssueOnItsLineWithItsRule() throws IOException {
        CliRun run = CliRun.run("iam", "lint", EXAMPLES + "bucket-website.json", "--format", "sarif");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("version").asText()).isEqualTo("2.1.0");
        assertThat(root.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        JsonNode sarifRun = root.path("runs").get(0);
        List<String> rules = new ArrayList<>();
        sarifRun.path("tool").path("driver").path("rules").forEach(rule -> rules.add(rule.path("id").asText() + " "
                + rule.path("defaultConfiguration").path("level").asText()));
        assertThat(rules).containsExactly("action-resource-mismatch error", "allow-not-principal error", "public-principal warning");
        JsonNode result = sarifRun.path("results").get(1);
        assertThat(result.path("ruleId").asText()).isEqualTo("action-resource-mismatch");
        assertThat(result.path("ruleIndex").asInt()).isZero();
        assertThat(result.path("level").asText()).isEqualTo("error");
        JsonNode location = result.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("../examples/iam/policies/bucket-website.json");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(16);
        assertThat(location.path("region").path("startColumn").asInt()).isEqualTo(34);
        assertThat(result.path("partialFingerprints").path("bulwarkLint/v1").asText()).hasSize(32);
        assertThat(sarifRun.path("invocations").get(0).path("executionSuccessful").asBoolean()).isTrue();
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersAreStillChecked() throws IOException {
        String errors = write("errors.json", ONE_ERROR);
        Path binary = dir.resolve("image.json");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1, 2, 3});
        String missing = dir.resolve("missing.json").toString();
        CliRun run = CliRun.run("iam", "lint", missing, errors, binary.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: file not found: " + missing).contains("image.json").doesNotContain("Exception");
        assertThat(run.out()).contains(errors + ":2:33: error: s3 has no action 'GetObjekt'")
                .endsWith("1 file checked: 1 error, 0 warnings, 2 files not readable\n");

        CliRun sarif = CliRun.run("iam", "lint", missing, errors, "--format", "sarif");
        assertThat(sarif.exitCode()).isEqualTo(2);
        JsonNode invocation = new ObjectMapper().readTree(sarif.out()).path("runs").get(0).path("invocations").get(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.path("toolExecutionNotifications").get(0).path("message").path("text").asText())
                .isEqualTo("file not found: " + missing);

        CliRun json = CliRun.run("iam", "lint", missing, "--format", "json");
        assertThat(new ObjectMapper().readTree(json.out()).path("files").get(0).path("readError").asText())
                .isEqualTo("file not found: " + missing);
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun format = CliRun.run("iam", "lint", EXAMPLES + "deploy-clean.json", "--format", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format: unknown format 'yaml' (accepted: text, json, sarif)");
        CliRun none = CliRun.run("iam", "lint");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter");
    }
}
