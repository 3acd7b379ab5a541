package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.secrets.SecretCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark secrets --git, end to end on repositories written with JGit. */
class TestSecretsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path repoDir;
    private Git git;
    private int day;

    @BeforeEach
    void init() throws GitAPIException {
        repoDir = dir.resolve("repo");
        git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call();
    }

    @AfterEach
    void close() {
        git.close();
    }

    /** Synthetic GitHub tokens from the benchmark corpus generator (random, valid checksum, never real). */
    private static List<String> tokens(int count) {
        List<String> tokens = new ArrayList<>();
        for (long seed = 1; tokens.size() < count; seed++) {
            String line = SecretCorpus.generate(1, 1, 1, seed).get(0).text().strip();
            if (line.startsWith("GITHUB_TOKEN=")) {
                tokens.add(line.substring("GITHUB_TOKEN=".length()));
            }
        }
        return tokens;
    }

    private void write(String path, String content) throws IOException, GitAPIException {
        Path file = repoDir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        git.add().addFilepattern(path).call();
    }

    private RevCommit commit(String message) throws GitAPIException {
        PersonIdent author = new PersonIdent("Dana Dev", "dana@example.com",
                Instant.parse("2024-03-01T12:00:00Z").plusSeconds(86_400L * day++), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
    }

    private static void assertCleanError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void historyFindingsNameTheCommitDateFileAndLineInTableAndJsonAndAreRedacted() throws Exception {
        String token = tokens(1).get(0);
        write("README.md", "# app\n");
        commit("readme");
        write("app/config.env", "LOG_LEVEL=info\nGITHUB_TOKEN=" + token + "\n");
        RevCommit added = commit("config");
        write("app/config.env", "LOG_LEVEL=info\n");
        commit("remove the token");

        CliRun table = CliRun.run("secrets", "--git", repoDir.toString(), "--no-color");

        assertThat(table.exitCode()).as(table.err()).isEqualTo(1);
        assertThat(table.out()).contains("app/config.env (1 finding)", "BW-SEC-018", "L2",
                "(commit " + added.name().substring(0, 7) + ", 2024-03-02T12:00:00Z, Dana Dev)",
                "[" + added.name() + ":app/config.env]", "gh…" + token.substring(38));
        assertThat(table.out() + table.err()).doesNotContain(token).doesNotContain(token.substring(4, 30));
        assertThat(table.err()).contains("history: 3 commits");

        CliRun json = CliRun.run("secrets", "--git", repoDir.toString(), "--format", "json", "--quiet");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(1);
        assertThat(json.err()).isEmpty();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.path("findings")).hasSize(1);
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("message").asText()).contains("(commit " + added.name().substring(0, 7)
                + ", 2024-03-02T12:00:00Z, Dana Dev)");
        assertThat(finding.path("resources").get(0).path("uid").asText()).isEqualTo(added.name() + ":app/config.env");
        assertThat(json.out()).doesNotContain(token);

        CliRun sarif = CliRun.run("secrets", "--git", repoDir.toString(), "--format", "sarif", "--fail-on", "never");
        assertThat(sarif.exitCode()).as(sarif.err()).isZero();
        assertThat(JSON.readTree(sarif.out()).path("runs").get(0).path("results").get(0).path("ruleId").asText())
                .isEqualTo("BW-SEC-018");
    }

    /**
     * A comment in the file version that holds the secret and an ignore entry of the repository's
     * .bulwark.yaml suppress a history finding; a comment added by a later commit does not.
     */
    @Test
    void inlineCommentsOfTheFileVersionAndConfigurationIgnoresApplyToHistory() throws Exception {
        List<String> tokens = tokens(3);
        write("app/a.env", "# bulwark:ignore BW-SEC-018 revoked test token, see SEC-42\nGITHUB_TOKEN=" + tokens.get(0) + "\n");
        write("fixtures/b.env", "GITHUB_TOKEN=" + tokens.get(1) + "\n");
        write("app/c.env", "GITHUB_TOKEN=" + tokens.get(2) + "\n");
        commit("add config");
        write("app/c.env", "# bulwark:ignore BW-SEC-018 too late\nGITHUB_TOKEN=" + tokens.get(2) + "\n");
        commit("comment after the fact");
        Files.writeString(repoDir.resolve(".bulwark.yaml"), """
                ignore:
                  - rule: BW-SEC-018
                    paths: ["fixtures/**"]
                    reason: test fixtures hold revoked tokens
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.run("secrets", "--git", repoDir.toString(), "--format", "json", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> statuses = new ArrayList<>();
        for (JsonNode finding : JSON.readTree(run.out()).path("findings")) {
            statuses.add(finding.path("resources").get(0).path("name").asText() + " "
                    + finding.path("status").asText().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(statuses).hasSize(3).anySatisfy(s -> assertThat(s).startsWith("app/a.env suppressed"))
                .anySatisfy(s -> assertThat(s).startsWith("fixtures/b.env suppressed"))
                .anySatisfy(s -> assertThat(s).isEqualTo("app/c.env new"));
        assertThat(run.out()).contains("revoked test token, see SEC-42", "test fixtures hold revoked tokens");
    }

    @Test
    void stagedReportsOnlySecretsBeingAddedNow() throws Exception {
        List<String> tokens = tokens(2);
        write("app.env", "GITHUB_TOKEN=" + tokens.get(0) + "\n");
        CliRun beforeFirstCommit = CliRun.run("secrets", "--git", repoDir.toString(), "--staged", "--no-color");
        assertThat(beforeFirstCommit.exitCode()).as(beforeFirstCommit.err()).isEqualTo(1);
        assertThat(beforeFirstCommit.out()).contains("app.env", "(staged)");
        commit("first");

        CliRun clean = CliRun.run("secrets", "--git", repoDir.toString(), "--staged", "--no-color");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("No findings.");

        write("app.env", "# moved\nGITHUB_TOKEN=" + tokens.get(0) + "\n");
        write("new.env", "GITHUB_TOKEN=" + tokens.get(1) + "\n");
        CliRun staged = CliRun.run("secrets", "--git", repoDir.toString(), "--staged", "--format", "json");
        assertThat(staged.exitCode()).as(staged.err()).isEqualTo(1);
        JsonNode findings = JSON.readTree(staged.out()).path("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("resources").get(0).path("uid").asText()).isEqualTo("staged:new.env");
    }

    @Test
    void aBaselineWrittenFromHistoryAcceptsItsSecretsAndSinceLimitsTheCommits() throws Exception {
        List<String> tokens = tokens(2);
        write("a.env", "GITHUB_TOKEN=" + tokens.get(0) + "\n");
        RevCommit first = commit("first");
        Path baseline = dir.resolve("baseline.json");
        CliRun written = CliRun.run("secrets", "--git", repoDir.toString(), "--write-baseline", baseline.toString(),
                "--format", "json=" + dir.resolve("out.json"));
        assertThat(written.exitCode()).isEqualTo(1);
        assertThat(written.err()).contains("baseline with 1 findings written to");

        CliRun accepted = CliRun.run("secrets", "--git", repoDir.toString(), "--baseline", baseline.toString(), "--no-color");
        assertThat(accepted.exitCode()).as(accepted.out()).isZero();
        assertThat(accepted.out()).contains("No findings.", "1 suppressed");

        write("b.env", "GITHUB_TOKEN=" + tokens.get(1) + "\n");
        RevCommit second = commit("second");
        CliRun newOne = CliRun.run("secrets", "--git", repoDir.toString(), "--baseline", baseline.toString(), "--no-color");
        assertThat(newOne.exitCode()).isEqualTo(1);
        assertThat(newOne.out()).contains("b.env (1 finding)").doesNotContain("a.env (1 finding)");

        CliRun since = CliRun.run("secrets", "--git", repoDir.toString(), "--since", first.name(), "--no-color");
        assertThat(since.exitCode()).isEqualTo(1);
        assertThat(since.out()).contains("[" + second.name() + ":b.env]").doesNotContain("a.env");
        assertThat(since.err()).contains("history: 1 commit,");
    }

    @Test
    void badFlagsAndNonRepositoriesAreCleanUsageErrors() throws Exception {
        write("README.md", "# app\n");
        commit("first");
        Path plain = Files.createDirectories(dir.resolve("plain"));

        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--since", "main", "--staged"),
                "error: --since and --staged cannot be combined");
        assertCleanError(CliRun.run("secrets", "--git", plain.toString()), "is not in a git repository");
        assertCleanError(CliRun.run("secrets", "--git", dir.resolve("missing").toString()), "error: path not found: ");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--since", "no-such-branch"),
                "error: unknown revision 'no-such-branch'");
        assertCleanError(CliRun.run("secrets"), "error: missing --git PATH");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--threads", "0"), "--threads must be between 1 and 512");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--max-file-size", "big"), "--max-file-size: not a size");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--format", "yaml"), "--format: unknown format 'yaml'");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--fail-on", "severe"), "--fail-on:");
        assertCleanError(CliRun.run("secrets", "--git", repoDir.toString(), "--no-such-flag"), "Unknown option");
    }

    @Test
    void helpSaysWhatIsScanned() {
        CliRun help = CliRun.run("secrets", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("every commit reachable from any ref", "--since REF",
                "--staged", "for a pre-commit hook", "at the commit that added it", "a secret removed by a later commit is still reported");
    }

    @Test
    void benchPrintsThroughputAndFindsEveryPlantedSecret() {
        Path workDir = dir.resolve("bench");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun bench = CliRun.run("secrets", "bench", "--only", "history", "--commits", "30", "--threads", "2", "--work-dir",
                workDir.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("== git history").doesNotContain("== working tree");
        String planted = bench.out().replaceAll("(?s).*?, (\\d+) planted secrets.*", "$1");
        assertThat(bench.out()).contains("1 thread: ", "2 threads: ", "commits/s", "MB/s",
                planted + " findings, " + planted + " planted");
        try (var left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void benchOfTheWorkingTreePrintsMegabytesPerSecondAndFindsThePlantedSecrets() {
        CliRun bench = CliRun.run("secrets", "bench", "--only", "working-tree", "--files", "12", "--lines-per-file", "60",
                "--no-tools", "--threads", "2");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        String out = bench.out();
        assertThat(out).contains("== working tree", "jvm: Java 17", "bulwark, 1 thread:", "bulwark, 2 threads:")
                .doesNotContain("== git history", "grep -E");
        String planted = out.replaceAll("(?s).*?, (\\d+) planted secrets.*", "$1");
        assertThat(out).containsPattern("bulwark, 1 thread: +[0-9.]+ MB/s +[0-9.]+ s +" + planted + " findings");
    }

    @Test
    void benchRefusesAnUnknownPart() {
        CliRun bad = CliRun.run("secrets", "bench", "--only", "everything");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected working-tree or history, not 'everything'");
        assertThat(CliRun.run("secrets", "bench", "--files", "0").err()).contains("--files must be between 1 and 1000000");
    }
}
