package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end behaviour of {@code bulwark scan}: findings, formats, exit codes, suppressions, baselines. */
class TestScanCommand {
    static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
              namespace: tools
            spec:
              containers:
                - name: shell
                  image: busybox:1.36
                  securityContext:
                    privileged: true
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void findingsAtOrAboveThresholdExitOne() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        CliRun run = CliRun.run("scan", dir.toString(), "--no-config");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("BW-K8S-001").contains("pod.yaml");
    }

    @Test
    void failOnNeverExitsZeroAndFailOnCriticalStillFails() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        assertThat(CliRun.run("scan", dir.toString(), "--fail-on", "never").exitCode()).isZero();
        assertThat(CliRun.run("scan", dir.toString(), "--fail-on", "critical").exitCode()).isEqualTo(1);
    }

    @Test
    void findingIsLocatedOnTheOffendingLine() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        CliRun run = CliRun.run("scan", dir.toString(), "--format", "json", "--disable", "BW-PARSE-001");
        JsonNode findings = json(run.out()).path("findings");
        boolean found = false;
        for (JsonNode finding : findings) {
            if (finding.toString().contains("BW-K8S-001")) {
                assertThat(finding.toString()).contains("\"start_line\":11").doesNotContain("\"start_line\":10,");
                found = true;
            }
        }
        assertThat(found).as(run.out()).isTrue();
    }

    @Test
    void readsStandardInput() {
        CliRun run = CliRun.withStdin(PRIVILEGED_POD, "scan", "-");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("BW-K8S-001");
    }

    @Test
    void badFlagsExitTwoWithUsageHint() {
        CliRun unknownFlag = CliRun.run("scan", "--no-such-flag");
        assertThat(unknownFlag.exitCode()).isEqualTo(2);
        assertThat(unknownFlag.err()).contains("Unknown option").contains("--help");

        CliRun badSeverity = CliRun.run("scan", dir.toString(), "--fail-on", "urgent");
        assertThat(badSeverity.exitCode()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("--fail-on").contains("urgent").doesNotContain("Exception");

        CliRun badFormat = CliRun.run("scan", dir.toString(), "--format", "pdf");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("unknown format 'pdf'");

        CliRun twoToStdout = CliRun.run("scan", dir.toString(), "--format", "json", "--format", "sarif");
        assertThat(twoToStdout.exitCode()).isEqualTo(2);

        CliRun missingPath = CliRun.run("scan", dir.resolve("nope").toString());
        assertThat(missingPath.exitCode()).isEqualTo(2);
        assertThat(missingPath.err()).contains("path not found");
    }

    @Test
    void severalFormatsInOneRun() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        Path sarif = dir.resolve("out/results.sarif");
        Path html = dir.resolve("out/report.html");
        Path junit = dir.resolve("out/junit.xml");
        CliRun run = CliRun.run("scan", dir.resolve("pod.yaml").toString(), "--format", "table",
                "--format", "sarif=" + sarif, "--format", "html=" + html, "--format", "junit=" + junit);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("BW-K8S-001");
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs").get(0).path("results").toString()).contains("BW-K8S-001");
        assertThat(Files.readString(html)).contains("BW-K8S-001").contains("<html");
        assertThat(Files.readString(junit)).contains("<testsuite").contains("<failure");
    }

    @Test
    void inlineSuppressionHidesFindingButKeepsItInJson() throws IOException {
        write("pod.yaml", PRIVILEGED_POD.replace("      securityContext:\n",
                "      securityContext:\n        # bulwark:ignore BW-K8S-001 debug pod, removed after the incident\n"));
        CliRun run = CliRun.run("scan", dir.toString(), "--format", "json", "--fail-on", "critical");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("BW-K8S-001").contains("debug pod, removed after the incident");
    }

    @Test
    void expiredInlineSuppressionIsReportedAndNoLongerSuppresses() throws IOException {
        write("pod.yaml", PRIVILEGED_POD.replace("      securityContext:\n",
                "      securityContext:\n        # bulwark:ignore BW-K8S-001 until=2020-01-31 temporary\n"));
        CliRun run = CliRun.run("scan", dir.toString(), "--fail-on", "critical");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("expired on 2020-01-31");
    }

    @Test
    void annotationSuppressesForTheObject() throws IOException {
        write("pod.yaml", PRIVILEGED_POD.replace("  namespace: tools\n",
                "  namespace: tools\n  annotations:\n    bulwark.dev/ignore: BW-K8S-001\n    bulwark.dev/ignore-reason: break-glass pod\n"));
        CliRun run = CliRun.run("scan", dir.toString(), "--fail-on", "critical");
        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @Test
    void configFileDisablesRulesExcludesPathsAndOverridesSeverity() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        write("vendor/other.yaml", PRIVILEGED_POD);
        write(".bulwark.yaml", """
                exclude: ["vendor/**"]
                severity:
                  BW-K8S-001: low
                fail-on: high
                """);
        CliRun run = CliRun.run("scan", dir.toString(), "--format", "json");
        assertThat(run.exitCode()).as("the only high or critical finding was lowered to low: " + run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("vendor/other.yaml").contains("BW-K8S-001");

        write(".bulwark.yaml", "disable: [BW-K8S-001]\nfail-on: low\n");
        CliRun disabled = CliRun.run("scan", dir.toString(), "--format", "json");
        assertThat(disabled.out()).doesNotContain("BW-K8S-001");
    }

    @Test
    void badConfigIsALocatedUserError() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        write(".bulwark.yaml", "fail-on: high\nexlude: [x]\n");
        CliRun run = CliRun.run("scan", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".bulwark.yaml:2").contains("unknown setting 'exlude'");
    }

    @Test
    void baselineReportsOnlyNewFindings() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        Path baseline = dir.resolve("baseline.json");
        CliRun first = CliRun.run("scan", dir.resolve("pod.yaml").toString(), "--write-baseline", baseline.toString());
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(baseline).exists();

        // Unrelated lines above the finding move it; its fingerprint must not change.
        write("pod.yaml", "# moved down by a comment\n# and another\n" + PRIVILEGED_POD);
        CliRun second = CliRun.run("scan", dir.resolve("pod.yaml").toString(), "--baseline", baseline.toString());
        assertThat(second.exitCode()).as(second.out()).isZero();

        write("pod.yaml", PRIVILEGED_POD + "---\n" + PRIVILEGED_POD.replace("name: debug", "name: debug-2"));
        CliRun third = CliRun.run("scan", dir.resolve("pod.yaml").toString(), "--baseline", baseline.toString());
        assertThat(third.exitCode()).isEqualTo(1);
        assertThat(third.out()).contains("debug-2");
    }

    @Test
    void frameworkFilterLimitsRules() throws IOException {
        write("pod.yaml", PRIVILEGED_POD);
        CliRun run = CliRun.run("scan", dir.toString(), "--framework", "pss-baseline", "--format", "json");
        assertThat(run.out()).contains("BW-K8S-001");
        CliRun unknown = CliRun.run("scan", dir.toString(), "--framework", "no-such-framework");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no rule maps to framework");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.run("--version").out()).startsWith("bulwark ");
        CliRun help = CliRun.run("scan", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--fail-on").contains("--format");
        assertThat(CliRun.run().exitCode()).isEqualTo(2);
    }

    @Test
    void dockerfileOnStandardInputAndFilesOfAnyNameNamedOnTheCommandLine() throws IOException {
        CliRun stdin = CliRun.withStdin("FROM ubuntu:latest\nRUN curl -fsSL https://example.com/i.sh | sh\n", "scan", "-");
        assertThat(stdin.out()).contains("BW-DKR-006");
        Path odd = write("deploy.yml.rendered", PRIVILEGED_POD);
        assertThat(CliRun.run("scan", odd.toString()).out()).contains("BW-K8S-001");
        Path notes = write("notes.txt", "just some notes\n");
        // Any text file is read for secrets; without that scanner a file Bulwark does not model is skipped.
        CliRun read = CliRun.run("scan", notes.toString());
        assertThat(read.exitCode()).isZero();
        assertThat(read.err()).doesNotContain("not an input Bulwark reads");
        assertThat(read.out()).contains("of 1 file scanned");
        CliRun skipped = CliRun.run("scan", notes.toString(), "--scanners", "misconfig");
        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.err()).contains("not an input Bulwark reads");
    }

    @Test
    void configIgnoreSuppressesByPathAndExpires() throws IOException {
        write("legacy/pod.yaml", PRIVILEGED_POD);
        write(".bulwark.yaml", """
                fail-on: critical
                ignore:
                  - rule: BW-K8S-001
                    paths: ["**/legacy/**"]
                    reason: legacy cluster, migration tracked in PLAT-42
                """);
        CliRun active = CliRun.run("scan", dir.toString(), "--format", "json");
        assertThat(active.exitCode()).as(active.out()).isZero();
        assertThat(active.out()).contains("migration tracked in PLAT-42");

        write(".bulwark.yaml", """
                fail-on: critical
                ignore:
                  - rule: BW-K8S-001
                    paths: ["**/legacy/**"]
                    until: 2021-01-01
                """);
        CliRun expired = CliRun.run("scan", dir.toString());
        assertThat(expired.exitCode()).isEqualTo(1);
        assertThat(expired.err()).as("the line of the ignore entry").contains(".bulwark.yaml:3").contains("expired on 2021-01-01");
    }
}
