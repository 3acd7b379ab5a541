package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRulesCommand {
    static final String CUSTOM_RULE = """
            id: ACME-K8S-001
            title: Team label missing
            severity: medium
            target: kubernetes
            kinds: [workload]
            description: Every workload must carry the team label so incidents reach the right people.
            rationale: Unowned workloads are not patched.
            remediation: Add metadata.labels.team.
            references: [https://example.com/labels]
            compliance:
              acme-policy: [OWN-1]
            check: "!has(object.metadata.labels) || !('team' in object.metadata.labels)"
            tests:
              - file: fixtures/fail.yaml
                expect: [1]
              - file: fixtures/pass.yaml
                expect: []
            """;

    @TempDir
    Path dir;

    private Path writeRuleFolder(String rule) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(folder.resolve("team-label.yaml"), rule);
        Path fixtures = Files.createDirectories(folder.resolve("fixtures"));
        Files.writeString(fixtures.resolve("fail.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n");
        Files.writeString(fixtures.resolve("pass.yaml"),
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    team: payments\nspec:\n  containers: []\n");
        return folder;
    }

    @Test
    void listFiltersBySeverityFrameworkTargetAndId() {
        CliRun all = CliRun.run("rules", "list");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("BW-K8S-001").contains("rules");
        CliRun critical = CliRun.run("rules", "list", "--severity", "critical");
        assertThat(critical.out()).contains("BW-K8S-001").doesNotContain(" low ");
        CliRun framework = CliRun.run("rules", "list", "--framework", "pss-restricted", "--format", "json");
        assertThat(framework.out()).contains("pss-restricted").doesNotContain("\"BW-K8S-035\"");
        CliRun byId = CliRun.run("rules", "list", "--id", "BW-K8S-00*");
        assertThat(byId.out()).contains("BW-K8S-001").doesNotContain("BW-K8S-010");
        assertThat(CliRun.run("rules", "list", "--target", "terraform").exitCode()).isEqualTo(2);
    }

    @Test
    void customRuleFolderAddsRulesToScanAndList() throws IOException {
        Path folder = writeRuleFolder(CUSTOM_RULE);
        assertThat(CliRun.run("rules", "list", "--rules", folder.toString()).out()).contains("ACME-K8S-001");
        Path manifests = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(manifests.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n");
        CliRun run = CliRun.run("scan", manifests.toString(), "--rules", folder.toString(), "--no-builtin-rules");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ACME-K8S-001").doesNotContain("BW-K8S-");
    }

    @Test
    void lintPassesAGoodFolderAndLocatesErrors() throws IOException {
        Path folder = writeRuleFolder(CUSTOM_RULE);
        CliRun good = CliRun.run("rules", "lint", folder.toString());
        assertThat(good.exitCode()).as(good.out()).isZero();
        assertThat(good.out()).contains("1 rules checked: 0 errors");

        Files.writeString(folder.resolve("team-label.yaml"), CUSTOM_RULE
                .replace("check: \"!has(object.metadata.labels) || !('team' in object.metadata.labels)\"",
                        "check: \"object.metadata.labels.exists(l, l ==)\"")
                .replace("expect: [1]", "expect: [3]"));
        CliRun bad = CliRun.run("rules", "lint", folder.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).as("line of check:, column of the stray parenthesis").contains("team-label.yaml:12:46: error: check does not compile");
    }

    @Test
    void lintReportsFixtureMismatchesAndMissingFixtures() throws IOException {
        Path folder = writeRuleFolder(CUSTOM_RULE.replace("expect: [1]", "expect: [3]"));
        CliRun run = CliRun.run("rules", "lint", folder.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("expected findings on lines [3] but got [1]");

        Files.writeString(folder.resolve("team-label.yaml"), CUSTOM_RULE.substring(0, CUSTOM_RULE.indexOf("tests:")));
        CliRun missing = CliRun.run("rules", "lint", folder.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("no fixture that must fail").contains("missing 'tests'");
    }

    @Test
    void scanRefusesABrokenCustomRuleWithItsLocation() throws IOException {
        Path folder = writeRuleFolder(CUSTOM_RULE.replace("severity: medium", "severity: urgent"));
        CliRun run = CliRun.run("scan", dir.toString(), "--rules", folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("team-label.yaml:3").contains("unknown severity 'urgent'");
    }

    @Test
    void benchPrintsThroughput() {
        CliRun run = CliRun.run("bench", "--files", "20", "--dockerfiles", "0", "--iterations", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("files/s").contains("resources/s").contains("rule evaluations/s");
    }
}
