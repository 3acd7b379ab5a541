package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark iam analyze and bulwark iam bench: the example export, every report format, options and bad input. */
class TestIamAnalyzeCommand {
    private static final String EXAMPLE = "../examples/iam/auth-details.json";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    @Test
    void theExampleExportFailsOnItsHighFindingsWithTheirChains() {
        CliRun run = CliRun.run("iam", "analyze", EXAMPLE, "--no-color");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("BW-IAM-003", "user/carol reaches administrator-equivalent access in 2 steps")
                .contains("→ 1. arn:aws:iam::111122223333:user/carol: sts:AssumeRole on role/ops-automation")
                .contains("BW-IAM-011", "user/erin could escalate", "but it is blocked: iam:PutUserPolicy is denied by")
                .contains("BW-IAM-009", "role/github-deploy trusts web identity tokens")
                .contains("(13 total)");
        assertThat(CliRun.run("iam", "analyze", EXAMPLE, "--fail-on", "never").exitCode()).isZero();
        assertThat(CliRun.run("iam", "analyze", EXAMPLE, "--fail-on", "critical").exitCode()).isEqualTo(1);
    }

    @Test
    void everyReportFormatCarriesTheEvidence() throws IOException {
        Path sarif = dir.resolve("out.sarif");
        Path html = dir.resolve("out.html");
        Path junit = dir.resolve("out.xml");
        CliRun run = CliRun.run("iam", "analyze", EXAMPLE, "--fail-on", "never", "--format", "json", "--format", "sarif=" + sarif,
                "--format", "html=" + html, "--format", "junit=" + junit);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("summary").path("findings").asInt()).isEqualTo(13);
        List<String> rules = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            rules.add(finding.path("finding_info").path("analytic").path("uid").asText());
            assertThat(finding.path("evidences")).as(finding.path("message").asText()).isNotEmpty();
        }
        assertThat(rules).contains("BW-IAM-001", "BW-IAM-002", "BW-IAM-003", "BW-IAM-004", "BW-IAM-008", "BW-IAM-009", "BW-IAM-010",
                "BW-IAM-011");

        JsonNode sarifRoot = new ObjectMapper().readTree(sarif.toFile());
        assertThat(sarifRoot.path("runs").get(0).path("results")).hasSize(13);
        String page = Files.readString(html);
        assertThat(page).contains("<ol class=\"chain\" aria-label=\"Evidence chain\">").contains("role/lambda-admin");
        assertThat(Files.readString(junit)).contains("BW-IAM-002");
    }

    @Test
    void principalFilterAndNoBlocked() {
        CliRun dana = CliRun.run("iam", "analyze", EXAMPLE, "--principal", "dana", "--fail-on", "never");
        assertThat(dana.exitCode()).as(dana.err()).isZero();
        assertThat(dana.out()).contains("user/dana can escalate").doesNotContain("user/alice", "user/carol");

        CliRun unblocked = CliRun.run("iam", "analyze", EXAMPLE, "--no-blocked", "--fail-on", "never");
        assertThat(unblocked.out()).doesNotContain("BW-IAM-011").contains("(11 total)");

        CliRun nobody = CliRun.run("iam", "analyze", EXAMPLE, "--principal", "role/nobody-*");
        assertThat(nobody.exitCode()).isEqualTo(2);
        assertThat(nobody.err()).contains("matches no user, group or role");
    }

    @Test
    void aServiceControlPolicyThatDeniesIamWritesRemovesThePathsItCuts() throws IOException {
        Path scp = write("scp.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Sid": "NoIamWrites", "Effect": "Deny", "Action": ["iam:Attach*", "iam:Put*", "iam:PassRole"], "Resource": "*"}]}
                """);
        CliRun run = CliRun.run("iam", "analyze", EXAMPLE, "--scp", scp.toString(), "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("BW-IAM-002", "BW-IAM-003").contains("NoIamWrites");
    }

    @Test
    void standardInputIsRead() throws IOException {
        CliRun run = CliRun.withStdin(Files.readString(Path.of(EXAMPLE)), "iam", "analyze", "-", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(13 total)");
    }

    @Test
    void badInputGetsALocatedMessageAndNoStackTrace() throws IOException {
        CliRun missing = CliRun.run("iam", "analyze", dir.resolve("absent.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found");

        Path garbage = write("garbage.json", "{\"UserDetailList\": [ {\"UserName\": ");
        CliRun truncated = CliRun.run("iam", "analyze", garbage.toString());
        assertThat(truncated.exitCode()).isEqualTo(2);
        assertThat(truncated.err()).contains("garbage.json").doesNotContain("Exception", "\tat ");

        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3});
        CliRun unreadable = CliRun.run("iam", "analyze", binary.toString());
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err()).contains("binary.json").doesNotContain("\tat ");

        CliRun threads = CliRun.run("iam", "analyze", EXAMPLE, "--threads", "0");
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads");

        CliRun size = CliRun.run("iam", "analyze", EXAMPLE, "--max-file-size", "1KB");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--max-file-size");

        CliRun format = CliRun.run("iam", "analyze", EXAMPLE, "--format", "pdf");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown format 'pdf'");
    }

    @Test
    void benchPrintsEvaluationsPerSecondAndTheAccountAnalysisTime() {
        CliRun run = CliRun.run("iam", "bench", "--evaluations", "20000", "--iterations", "1", "--principals", "60", "--policies", "120");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("evaluations/s").contains("account export: 60 principals, 120 managed policies")
                .containsPattern("run 1 +account: [0-9.]+ s \\(read [0-9.]+ s, analyze [0-9.]+ s");
        CliRun bad = CliRun.run("iam", "bench", "--principals", "-1");
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
