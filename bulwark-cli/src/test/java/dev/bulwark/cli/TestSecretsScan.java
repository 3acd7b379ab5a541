package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets engine inside {@code bulwark scan}: on by default over every text file, selected
 * with {@code --scanners}, redacted in every format, and subject to the same suppressions,
 * baselines and exit codes as rule findings. The credentials are synthetic (generated with a
 * valid structure for these tests) and belong to no account.
 */
class TestSecretsScan {
    private static final String GITHUB_TOKEN = "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";
    private static final String OTHER_GITHUB_TOKEN = "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";
    private static final String AWS_KEY_ID = "AKIAUKKDPXQEQWICRTN3";
    private static final String AWS_SECRET = "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";
    private static final String STRIPE_KEY = "sk_live_YQ3dfdxLbWicUeljWoYSRTBk";
    private static final String PASSWORD = "ekB9bsws4eGhQeavvxKr";
    private static final List<String> ALL_SECRETS = List.of(GITHUB_TOKEN, OTHER_GITHUB_TOKEN, AWS_KEY_ID, AWS_SECRET,
            STRIPE_KEY, PASSWORD);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    /** {@code RULE file:line} of every unsuppressed finding of a JSON report. */
    private static List<String> active(String json) throws IOException {
        List<String> found = new ArrayList<>();
        for (JsonNode finding : new ObjectMapper().readTree(json).path("findings")) {
            if (finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                continue;
            }
            JsonNode location = finding.path("unmapped").path("location");
            String file = location.path("file").asText();
            found.add(finding.path("unmapped").path("rule_id").asText() + " " + file.substring(file.lastIndexOf('/') + 1)
                    + ":" + location.path("start_line").asInt());
        }
        found.sort(null);
        return found;
    }

    private CliRun scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", dir.toString(), "--no-config"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    @Test
    void secretsInAnyTextFileAreFoundAndRedactedInEveryFormat() throws IOException {
        write("src/client.js", "const api = new Client({\n  token: '" + GITHUB_TOKEN + "',\n});\n");
        write("deploy/.env", "AWS_ACCESS_KEY_ID=" + AWS_KEY_ID + "\nAWS_SECRET_ACCESS_KEY=" + AWS_SECRET + "\n");
        write("settings.properties", "payments.stripe.key=" + STRIPE_KEY + "\n");
        Path json = dir.resolve("out/report.json");
        Path sarif = dir.resolve("out/report.sarif");
        Path html = dir.resolve("out/report.html");
        Path junit = dir.resolve("out/report.xml");
        CliRun run = CliRun.run("scan", dir.resolve("src").toString(), dir.resolve("deploy").toString(),
                dir.resolve("settings.properties").toString(), "--no-config", "--format", "table", "--format", "json=" + json,
                "--format", "sarif=" + sarif, "--format", "html=" + html, "--format", "junit=" + junit);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(active(Files.readString(json))).containsExactly("BW-SEC-002 .env:2", "BW-SEC-018 client.js:2",
                "BW-SEC-044 settings.properties:1");
        List<String> outputs = List.of(run.out(), run.err(), Files.readString(json), Files.readString(sarif),
                Files.readString(html), Files.readString(junit));
        for (String output : outputs) {
            for (String secret : ALL_SECRETS) {
                assertThat(output).doesNotContain(secret);
            }
        }
        assertThat(run.out()).contains("gh…tF").contains("BW-SEC-018");
        // Compliance and how to rotate travel with the finding.
        JsonNode first = new ObjectMapper().readTree(Files.readString(json)).path("findings").get(0);
        assertThat(first.path("compliance").path("requirements").toString()).contains("nist-800-53-r5 IA-5");
        assertThat(first.path("remediation").path("desc").asText()).isNotBlank();
    }

    @Test
    void scannersChooseTheEngines() throws IOException {
        write("pod.yaml", TestScanCommand.PRIVILEGED_POD);
        write("notes/todo.txt", "ask ops to rotate " + GITHUB_TOKEN + "\n");

        List<String> both = active(scan("--format", "json", "--fail-on", "never").out());
        assertThat(both).contains("BW-SEC-018 todo.txt:1").anyMatch(finding -> finding.startsWith("BW-K8S-001 "));

        List<String> misconfig = active(scan("--scanners", "misconfig", "--format", "json", "--fail-on", "never").out());
        assertThat(misconfig).anyMatch(finding -> finding.startsWith("BW-K8S-001 "))
                .noneMatch(finding -> finding.startsWith("BW-SEC-"));

        CliRun secretOnly = scan("--scanners", "secret", "--format", "json", "--fail-on", "never");
        assertThat(active(secretOnly.out())).containsExactly("BW-SEC-018 todo.txt:1");

        CliRun unknown = scan("--scanners", "secret,vuln");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown scanner 'vuln'").contains("misconfig, secret").doesNotContain("Exception");
    }

    @Test
    void inlineConfigAndDisableSuppressSecrets() throws IOException {
        write("app/config.py", "GITHUB = '" + GITHUB_TOKEN + "'  # bulwark:ignore BW-SEC-018 read-only token of the demo bot\n"
                + "OTHER = '" + OTHER_GITHUB_TOKEN + "'\n");
        write("test/fixtures/stripe.txt", STRIPE_KEY + "\n");
        write(".bulwark.yaml", """
                ignore:
                  - rule: BW-SEC-044
                    paths: ["test/**"]
                    reason: fixture
                """);
        CliRun run = CliRun.run("scan", dir.toString(), "--format", "json", "--fail-on", "never",
                "--config", dir.resolve(".bulwark.yaml").toString());
        assertThat(active(run.out())).containsExactly("BW-SEC-018 config.py:2");
        JsonNode suppressed = null;
        for (JsonNode finding : new ObjectMapper().readTree(run.out()).path("findings")) {
            if (finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                suppressed = finding;
            }
        }
        assertThat(suppressed).isNotNull();

        CliRun disabled = scan("--disable", "BW-SEC-018", "--format", "json", "--fail-on", "never");
        assertThat(active(disabled.out())).containsExactly("BW-SEC-044 stripe.txt:1");
    }

    @Test
    void aBaselineAcceptsASecretWhereverItsLineMoves() throws IOException {
        Path file = write("scripts/release.sh", "#!/bin/sh\nexport GITHUB_TOKEN=" + GITHUB_TOKEN + "\n");
        Path baseline = dir.resolve("baseline.json");
        CliRun first = CliRun.run("scan", dir.resolve("scripts").toString(), "--no-config",
                "--write-baseline", baseline.toString());
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(Files.readString(baseline)).doesNotContain(GITHUB_TOKEN);

        Files.writeString(file, "#!/bin/sh\nset -eu\n\n# publish\nexport GITHUB_TOKEN=" + GITHUB_TOKEN + "\n");
        CliRun moved = CliRun.run("scan", dir.resolve("scripts").toString(), "--no-config", "--baseline", baseline.toString());
        assertThat(moved.exitCode()).as(moved.out()).isZero();

        Files.writeString(file, "#!/bin/sh\nexport GITHUB_TOKEN=" + OTHER_GITHUB_TOKEN + "\n");
        CliRun rotated = CliRun.run("scan", dir.resolve("scripts").toString(), "--no-config", "--baseline", baseline.toString());
        assertThat(rotated.exitCode()).isEqualTo(1);
    }

    @Test
    void secretsInTerraformAndManifestsSitBesideTheirMisconfigurations() throws IOException {
        write("infra/main.tf", """
                resource "aws_db_instance" "orders" {
                  engine            = "postgres"
                  instance_class    = "db.t3.micro"
                  allocated_storage = 20
                  username          = "orders"
                  password          = "%s"
                }

                resource "aws_db_instance" "reports" {
                  engine            = "postgres"
                  instance_class    = "db.t3.micro"
                  allocated_storage = 20
                  username          = "reports"
                  password          = var.reports_password
                  # bulwark:ignore BW-SEC-018 revoked on 2026-11-30, kept until the rewrite lands
                  tags = { token = "%s" }
                }
                """.formatted(PASSWORD, OTHER_GITHUB_TOKEN));
        String encoded = Base64.getEncoder().encodeToString(GITHUB_TOKEN.getBytes(StandardCharsets.UTF_8));
        write("k8s/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: ci
                type: Opaque
                data:
                  token: %s
                """.formatted(encoded));

        List<String> found = active(scan("--format", "json", "--fail-on", "never").out());
        assertThat(found).contains("BW-SEC-157 main.tf:6", "BW-SEC-018 secret.yaml:7")
                .anyMatch(finding -> finding.startsWith("BW-AWS-RDS-") && finding.contains("main.tf"))
                .noneMatch(finding -> finding.startsWith("BW-SEC-") && finding.contains("main.tf:14"))
                .noneMatch(finding -> finding.equals("BW-SEC-018 main.tf:16"));
    }

    @Test
    void binaryHugeMinifiedAndInvalidUtf8FilesDoNotStopTheScan() throws IOException {
        byte[] binary = ("\0\0PNG" + GITHUB_TOKEN).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("logo.png"), binary);
        byte[] latin1 = ("caf\u00e9=1\ntoken=" + OTHER_GITHUB_TOKEN + "\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("legacy.cfg"), latin1);
        StringBuilder minified = new StringBuilder(6_000_000);
        while (minified.length() < 5_000_000) {
            minified.append("function a(b){return b+1};var c=[1,2,3].map(a);");
        }
        minified.append("var k=\"").append(STRIPE_KEY).append("\";");
        write("dist/app.min.js", minified.toString());
        write("big.log", "x".repeat(3_000_000));

        CliRun run = scan("--format", "json", "--fail-on", "never", "--max-file-size", "6MB");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(active(run.out())).containsExactly("BW-SEC-018 legacy.cfg:2", "BW-SEC-044 app.min.js:1");
        assertThat(run.err()).doesNotContain("logo.png").doesNotContain("Exception");

        CliRun limited = scan("--format", "json", "--fail-on", "never", "--max-file-size", "4MB");
        assertThat(active(limited.out())).containsExactly("BW-SEC-018 legacy.cfg:2");
        assertThat(limited.err()).contains("app.min.js").contains("over the");
    }
}
