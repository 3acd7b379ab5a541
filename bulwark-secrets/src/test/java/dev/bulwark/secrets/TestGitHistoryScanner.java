package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.secrets.git.GitHistoryScanner;
import dev.bulwark.secrets.git.GitScanResult;
import dev.bulwark.secrets.git.GitScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History, range and staged scans of real repositories written with JGit. */
class TestGitHistoryScanner {
    private static final GitHistoryScanner SCANNER = new GitHistoryScanner(SecretScanner.builtin(), 1 << 20, 2);
    private final TestingSecrets secrets = new TestingSecrets(7);

    @TempDir
    Path dir;

    private TestingGitRepository repo;

    @BeforeEach
    void init() throws GitAPIException {
        repo = TestingGitRepository.init(dir.resolve("repo"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private String token() {
        return secrets.github("ghp_");
    }

    private GitScanResult scan(GitScope scope) {
        return SCANNER.scan(repo.dir, scope);
    }

    private GitScanResult scanAll() {
        return scan(GitScope.allRefs());
    }

    /** "commit:path:line" of each finding, in report order. */
    private static List<String> where(GitScanResult result) {
        return result.findings().stream().map(finding -> finding.resource().address().substring(0, 7) + ":"
                + finding.location().file() + ":" + finding.location().startLine()).toList();
    }

    private static String shortId(RevCommit commit) {
        return commit.name().substring(0, 7);
    }

    @Test
    void aSecretAddedAndLaterRemovedIsReportedAtTheCommitThatAddedIt() throws Exception {
        String token = token();
        repo.commit("readme", Map.of("README.md", "# app\n"));
        RevCommit added = repo.commit("config", Map.of("app/config.env", "LOG_LEVEL=info\nGITHUB_TOKEN=" + token + "\n"));
        repo.commit("remove the token", Map.of("app/config.env", "LOG_LEVEL=info\n"));

        GitScanResult result = scanAll();

        assertThat(result.findings()).hasSize(1);
        Finding finding = result.findings().get(0);
        assertThat(finding.ruleId()).isEqualTo("BW-SEC-018");
        assertThat(finding.location().file()).isEqualTo("app/config.env");
        assertThat(finding.location().startLine()).isEqualTo(2);
        assertThat(finding.resource().type()).isEqualTo("GitCommit");
        assertThat(finding.resource().address()).isEqualTo(added.name() + ":app/config.env");
        assertThat(finding.resource().name()).isEqualTo("app/config.env");
        assertThat(finding.message()).endsWith(" (commit " + shortId(added) + ", 2024-01-02T00:00:00Z, Dana Dev)");
        assertThat(finding.message() + finding.snippet().lines() + finding.fingerprint())
                .doesNotContain(token).doesNotContain(token.substring(4, 30));
        assertThat(finding.fingerprint()).isEqualTo(SecretScanner.builtin()
                .scan("elsewhere.env", "GITHUB_TOKEN=" + token).get(0).fingerprint());
        assertThat(result.commitsScanned()).isEqualTo(3);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aSecretKeptAcrossLaterCommitsIsReportedOnceEvenWhenItsLineMoves() throws Exception {
        RevCommit first = repo.commit("add", Map.of("app.env", "GITHUB_TOKEN=" + token() + "\n"));
        repo.commit("lines above", Map.of("app.env", "# settings\nLOG_LEVEL=debug\n" + Files.readString(repo.dir.resolve("app.env"))));
        repo.commit("other file", Map.of("other.txt", "hello\n"));
        repo.commit("more lines", Map.of("app.env", Files.readString(repo.dir.resolve("app.env")) + "PORT=8080\n"));

        assertThat(where(scanAll())).containsExactly(shortId(first) + ":app.env:1");
    }

    @Test
    void theSameSecretInTwoFilesIsReportedForEachPath() throws Exception {
        String token = token();
        RevCommit first = repo.commit("a", Map.of("a.env", "GITHUB_TOKEN=" + token + "\n"));
        RevCommit second = repo.commit("b", Map.of("b.env", "\nGITHUB_TOKEN=" + token + "\n"));

        GitScanResult result = scanAll();

        assertThat(where(result)).containsExactly(shortId(first) + ":a.env:1", shortId(second) + ":b.env:2");
        assertThat(result.findings().get(0).fingerprint()).isEqualTo(result.findings().get(1).fingerprint());
    }

    /**
     * A file renamed or moved in one commit keeps its secrets without reporting them again; a new
     * secret in the renamed file is reported, and so is a copy that keeps the old file.
     */
    @Test
    void aRenamedFileDoesNotReportItsSecretsAgain() throws Exception {
        String token = token();
        String other = token();
        RevCommit first = repo.commit("add", Map.of("config/app.env", "GITHUB_TOKEN=" + token + "\n"));
        java.util.Map<String, String> rename = new java.util.HashMap<>();
        rename.put("config/app.env", null);
        rename.put("deploy/app.env", "GITHUB_TOKEN=" + token + "\n");
        repo.commit("move", rename);
        java.util.Map<String, String> renameAndAdd = new java.util.HashMap<>();
        renameAndAdd.put("deploy/app.env", null);
        renameAndAdd.put("deploy/prod.env", "GITHUB_TOKEN=" + token + "\nRELEASE_TOKEN=" + other + "\n");
        RevCommit third = repo.commit("rename and add a token", renameAndAdd);
        RevCommit copy = repo.commit("copy", Map.of("backup/prod.env", "GITHUB_TOKEN=" + token + "\n"));

        assertThat(where(scanAll())).containsExactly(shortId(first) + ":config/app.env:1",
                shortId(third) + ":deploy/prod.env:2", shortId(copy) + ":backup/prod.env:1");
    }

    @Test
    void secretsOnAnUnmergedBranchATagAndTheStashAreFound() throws Exception {
        repo.commit("base", Map.of("README.md", "# app\n"));
        repo.git.checkout().setCreateBranch(true).setName("feature").call();
        RevCommit onBranch = repo.commit("feature", Map.of("feature.env", "GITHUB_TOKEN=" + token() + "\n"));
        repo.git.checkout().setName("main").call();
        repo.git.checkout().setCreateBranch(true).setName("release-work").call();
        RevCommit tagged = repo.commit("release", Map.of("release.env", "GITHUB_TOKEN=" + token() + "\n"));
        repo.git.tag().setName("v1.0").setAnnotated(true).setMessage("release").setObjectId(tagged).setSigned(false).call();
        repo.git.checkout().setName("main").call();
        repo.git.branchDelete().setBranchNames("release-work").setForce(true).call();
        Files.writeString(repo.dir.resolve("README.md"), "# app\nGITHUB_TOKEN=" + token() + "\n");
        RevCommit stash = repo.git.stashCreate().call();

        GitScanResult result = scanAll();

        assertThat(result.findings()).extracting(finding -> finding.resource().address()).containsExactlyInAnyOrder(
                onBranch.name() + ":feature.env", tagged.name() + ":release.env", stash.name() + ":README.md");
        assertThat(Files.readString(repo.dir.resolve("README.md"))).isEqualTo("# app\n");
    }

    @Test
    void sinceScansOnlyCommitsNotReachableFromTheRevisionAndComparesWithItsTrees() throws Exception {
        RevCommit first = repo.commit("first", Map.of("app.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit second = repo.commit("second", Map.of("app.env", Files.readString(repo.dir.resolve("app.env"))
                + "NPM_TOKEN=" + secrets.github("npm_") + "\n"));
        RevCommit third = repo.commit("third", Map.of("other.env", "GITHUB_TOKEN=" + token() + "\n"));

        GitScanResult sinceFirst = scan(GitScope.since(first.name()));
        assertThat(sinceFirst.commitsScanned()).isEqualTo(2);
        assertThat(where(sinceFirst)).containsExactly(shortId(second) + ":app.env:2", shortId(third) + ":other.env:1");

        GitScanResult sinceParent = scan(GitScope.since("main~1"));
        assertThat(sinceParent.commitsScanned()).isEqualTo(1);
        assertThat(where(sinceParent)).containsExactly(shortId(third) + ":other.env:1");

        assertThat(scan(GitScope.since("main")).findings()).isEmpty();
        assertThat(scan(GitScope.since("main")).commitsScanned()).isZero();
    }

    @Test
    void anUnknownRevisionANonRepositoryAndAMissingPathAreUserErrors() throws Exception {
        repo.commit("first", Map.of("README.md", "# app\n"));

        assertThatThrownBy(() -> scan(GitScope.since("no-such-branch")))
                .isInstanceOfSatisfying(BulwarkException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageStartingWith("unknown revision 'no-such-branch': not a branch, tag or commit of ");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> SCANNER.scan(plain, GitScope.allRefs()))
                .isInstanceOfSatisfying(BulwarkException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("is not in a git repository");
        assertThatThrownBy(() -> SCANNER.scan(dir.resolve("missing"), GitScope.allRefs()))
                .isInstanceOf(BulwarkException.class).hasMessageStartingWith("path not found: ");
    }

    @Test
    void stagedReportsOnlySecretsNewInTheIndexAndWorksBeforeTheFirstCommit() throws Exception {
        String first = token();
        repo.stage(Map.of("app.env", "GITHUB_TOKEN=" + first + "\n"));
        GitScanResult unborn = scan(GitScope.staged());
        assertThat(where(unborn)).hasSize(1);
        assertThat(unborn.findings().get(0).message()).endsWith(" (staged)");
        assertThat(unborn.findings().get(0).resource().type()).isEqualTo("GitIndex");
        assertThat(unborn.findings().get(0).resource().address()).isEqualTo("staged:app.env");
        repo.commitStaged("first");

        assertThat(scan(GitScope.staged()).findings()).isEmpty();
        repo.stage(Map.of("app.env", "# moved\nGITHUB_TOKEN=" + first + "\nNPM_TOKEN=" + secrets.github("npm_") + "\n"));
        Files.writeString(repo.dir.resolve("unstaged.env"), "GITHUB_TOKEN=" + token() + "\n");

        GitScanResult staged = scan(GitScope.staged());

        assertThat(staged.findings()).extracting(Finding::ruleId, finding -> finding.location().file(),
                finding -> finding.location().startLine()).containsExactly(org.assertj.core.groups.Tuple.tuple("BW-SEC-056", "app.env", 3));
        assertThat(staged.commitsScanned()).isZero();
    }

    @Test
    void aHookIndexFileIsReadWhenItIsInsideTheRepository() throws Exception {
        repo.commit("first", Map.of("README.md", "# app\n"));
        repo.stage(Map.of("new.env", "GITHUB_TOKEN=" + token() + "\n"));
        Path hookIndex = repo.dir.resolve(".git/next-index.lock");
        Files.copy(repo.dir.resolve(".git/index"), hookIndex);
        Path outside = dir.resolve("outside-index");
        Files.copy(hookIndex, outside);
        repo.git.reset().call();

        assertThat(scan(GitScope.staged()).findings()).isEmpty();
        assertThat(where(scan(GitScope.staged(hookIndex)))).extracting(entry -> entry.substring(8)).containsExactly("new.env:1");
        assertThat(scan(GitScope.staged(outside)).findings()).isEmpty();
    }

    @Test
    void aMergeReportsNothingThatOneOfItsParentsAlreadyHad() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            lines.append("setting").append(i).append("=value\n");
        }
        String base = lines.toString();
        repo.commit("base", Map.of("shared.env", base));
        repo.git.checkout().setCreateBranch(true).setName("feature").call();
        RevCommit feature = repo.commit("feature", Map.of("shared.env", base.replace("setting10=value",
                "GITHUB_TOKEN=" + token()), "feature.env", "GITHUB_TOKEN=" + token() + "\n"));
        repo.git.checkout().setName("main").call();
        RevCommit main = repo.commit("main", Map.of("shared.env", base.replace("setting1=value", "NPM_TOKEN="
                + secrets.github("npm_"))));
        MergeResult merge = repo.git.merge().include(feature).setMessage("merge feature").call();
        assertThat(merge.getMergeStatus().isSuccessful()).as(merge.toString()).isTrue();
        ObjectId merged = merge.getNewHead();
        assertThat(blob(merged, "shared.env")).isNotEqualTo(blob(feature, "shared.env")).isNotEqualTo(blob(main, "shared.env"));

        GitScanResult result = scanAll();

        assertThat(result.findings()).extracting(finding -> finding.resource().address()).containsExactlyInAnyOrder(
                feature.name() + ":shared.env", feature.name() + ":feature.env", main.name() + ":shared.env");
        assertThat(result.commitsScanned()).isEqualTo(4);
    }

    private ObjectId blob(ObjectId commit, String path) throws IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo.git.getRepository());
             TreeWalk treeWalk = TreeWalk.forPath(repo.git.getRepository(), path, walk.parseCommit(commit).getTree())) {
            return treeWalk.getObjectId(0);
        }
    }

    @Test
    void missingAndCorruptBlobsBecomeWarningsAndTheRestIsStillReported() throws Exception {
        RevCommit first = repo.commit("first", Map.of("kept.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit second = repo.commit("second", Map.of("deleted.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit third = repo.commit("third", Map.of("garbled.env", "GITHUB_TOKEN=" + token() + "\n"));
        Path deleted = looseObject(blob(second, "deleted.env"));
        Files.delete(deleted);
        Path garbled = looseObject(blob(third, "garbled.env"));
        garbled.toFile().setWritable(true);
        Files.write(garbled, "not a zlib stream at all".getBytes(StandardCharsets.US_ASCII));

        GitScanResult result = scanAll();

        assertThat(where(result)).containsExactly(shortId(first) + ":kept.env:1");
        assertThat(result.warnings()).extracting(ScanWarning::file).containsExactly("deleted.env", "garbled.env");
        assertThat(result.warnings().get(0).message()).startsWith("commit " + second.name() + ": blob "
                + blob(second, "deleted.env").name() + " cannot be read: missing object");
        assertThat(result.warnings().get(1).message()).startsWith("commit " + third.name() + ": blob ");
        assertThat(result.commitsScanned()).isEqualTo(3);
    }

    @Test
    void anUnreadableCommitIsAWarningAndItsChildIsComparedWithWhatCanBeRead() throws Exception {
        RevCommit first = repo.commit("first", Map.of("a.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit second = repo.commit("second", Map.of("b.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit third = repo.commit("third", Map.of("c.env", "GITHUB_TOKEN=" + token() + "\n"));
        Files.delete(looseObject(first));

        GitScanResult result = scanAll();

        assertThat(where(result)).containsExactly(shortId(second) + ":a.env:1", shortId(second) + ":b.env:1",
                shortId(third) + ":c.env:1");
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.file()).isEqualTo("commit " + first.name());
            assertThat(warning.message()).startsWith("cannot be read: missing object");
        });
        assertThat(result.commitsScanned()).isEqualTo(2);
    }

    @Test
    void aTreeNamingACommitAsAFileIsAWarning() throws Exception {
        RevCommit first = repo.commit("first", Map.of("a.env", "GITHUB_TOKEN=" + token() + "\n"));
        org.eclipse.jgit.lib.Repository repository = repo.git.getRepository();
        ObjectId crafted;
        try (org.eclipse.jgit.lib.ObjectInserter inserter = repository.newObjectInserter()) {
            org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
            tree.append("a.env", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, blob(first, "a.env"));
            tree.append("crafted.env", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, first);
            org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            commit.setParentId(first);
            commit.setAuthor(first.getAuthorIdent());
            commit.setCommitter(first.getCommitterIdent());
            commit.setMessage("crafted\n");
            crafted = inserter.insert(commit);
            inserter.flush();
        }
        org.eclipse.jgit.lib.RefUpdate update = repository.updateRef("refs/heads/crafted");
        update.setNewObjectId(crafted);
        update.forceUpdate();

        GitScanResult result = scanAll();

        assertThat(where(result)).containsExactly(shortId(first) + ":a.env:1");
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.file()).isEqualTo("crafted.env");
            assertThat(warning.message()).contains("commit " + crafted.name()).contains("is another kind of object");
        });
    }

    private Path looseObject(ObjectId id) {
        Path file = repo.dir.resolve(".git/objects").resolve(id.name().substring(0, 2)).resolve(id.name().substring(2));
        assertThat(file).exists();
        return file;
    }

    @Test
    void theFindingsDoNotDependOnTheNumberOfThreads() throws Exception {
        Map<String, String> files = new HashMap<>();
        for (int commit = 0; commit < 40; commit++) {
            files.clear();
            for (int file = 0; file < 4; file++) {
                String path = "dir" + (commit + file) % 3 + "/file" + (commit * 7 + file) % 9 + ".env";
                String content = "revision=" + commit + "\n" + (commit % 3 == file % 3 ? "GITHUB_TOKEN=" + token() + "\n" : "");
                files.put(path, content);
            }
            if (commit == 20) {
                repo.git.checkout().setCreateBranch(true).setName("side").call();
            }
            if (commit == 30) {
                repo.git.checkout().setName("main").call();
            }
            repo.commit("commit " + commit, files);
        }
        repo.git.merge().include(repo.git.getRepository().resolve("side")).setMessage("merge").call();

        GitScanResult one = new GitHistoryScanner(SecretScanner.builtin(), 1 << 20, 1).scan(repo.dir, GitScope.allRefs());
        GitScanResult four = new GitHistoryScanner(SecretScanner.builtin(), 1 << 20, 4).scan(repo.dir, GitScope.allRefs());

        assertThat(one.findings()).hasSizeGreaterThan(30);
        assertThat(four.findings()).isEqualTo(one.findings());
        assertThat(four.warnings()).isEqualTo(one.warnings());
        assertThat(four.blobsScanned()).isEqualTo(one.blobsScanned());
        assertThat(four.bytesScanned()).isEqualTo(one.bytesScanned());
    }

    @Test
    void binaryAndTooLargeBlobsAreSkippedAndCounted() throws Exception {
        byte[] binary = ("GITHUB_TOKEN=" + token() + "\n\0\1\2").getBytes(StandardCharsets.UTF_8);
        repo.stageBytes("image.bin", binary);
        repo.commit("files", Map.of("large.env", "GITHUB_TOKEN=" + token() + "\n" + "#".repeat(300) + "\n",
                "small.env", "GITHUB_TOKEN=" + token() + "\n"));

        GitScanResult result = new GitHistoryScanner(SecretScanner.builtin(), 200, 1).scan(repo.dir, GitScope.allRefs());

        assertThat(result.findings()).extracting(finding -> finding.location().file()).containsExactly("small.env");
        assertThat(result.blobsSkippedBinary()).isEqualTo(1);
        assertThat(result.blobsSkippedTooLarge()).isEqualTo(1);
        assertThat(result.blobsSkipped()).isEqualTo(2);
        assertThat(result.blobsScanned()).isEqualTo(1);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aBareCloneIsScannedLikeItsOrigin() throws Exception {
        repo.commit("first", Map.of("app.env", "GITHUB_TOKEN=" + token() + "\n"));
        Path bare = dir.resolve("bare.git");
        Git.cloneRepository().setURI(repo.dir.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        GitScanResult result = SCANNER.scan(bare, GitScope.allRefs());

        assertThat(result.findings()).extracting(Finding::fingerprint).containsExactlyElementsOf(
                scanAll().findings().stream().map(Finding::fingerprint).toList());
        assertThatThrownBy(() -> SCANNER.scan(bare, GitScope.staged())).isInstanceOf(BulwarkException.class)
                .hasMessageContaining("is a bare repository");
    }

    @Test
    void aShallowBoundaryIsComparedWithTheEmptyTreeAndSaysTheHistoryIsPartial() throws Exception {
        repo.commit("first", Map.of("app.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit second = repo.commit("second", Map.of("more.env", "GITHUB_TOKEN=" + token() + "\n"));
        RevCommit third = repo.commit("third", Map.of("README.md", "# app\n"));
        Files.writeString(repo.dir.resolve(".git/shallow"), second.name() + "\n");

        GitScanResult result = scanAll();

        assertThat(result.commitsScanned()).isEqualTo(2);
        assertThat(where(result)).containsExactly(shortId(second) + ":app.env:1", shortId(second) + ":more.env:1");
        assertThat(result.warnings()).singleElement().satisfies(warning ->
                assertThat(warning.message()).startsWith("shallow clone: history before 1 boundary commit(s) is missing"));
        assertThat(third).isNotNull();
    }
}
