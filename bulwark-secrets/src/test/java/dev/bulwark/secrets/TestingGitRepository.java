package dev.bulwark.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a temporary folder, written through JGit: each commit has the fixed
 * author "Dana Dev" and an author date one day after the previous one, from 2024-01-01T00:00:00Z.
 */
final class TestingGitRepository implements AutoCloseable {
    static final Instant FIRST_DATE = Instant.parse("2024-01-01T00:00:00Z");

    final Path dir;
    final Git git;
    private int day;

    private TestingGitRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestingGitRepository init(Path dir) throws GitAPIException {
        return new TestingGitRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    /** The author date the next commit gets. */
    Instant nextDate() {
        return FIRST_DATE.plus(day, ChronoUnit.DAYS);
    }

    /** Writes {@code files} (a null content deletes the file) and stages them. */
    void stage(Map<String, String> files) throws IOException, GitAPIException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (file.getValue() == null) {
                Files.deleteIfExists(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
    }

    void stageBytes(String name, byte[] content) throws IOException, GitAPIException {
        Files.write(dir.resolve(name), content);
        git.add().addFilepattern(name).call();
    }

    RevCommit commit(String message, Map<String, String> files) throws IOException, GitAPIException {
        stage(files);
        return commitStaged(message);
    }

    RevCommit commitStaged(String message) throws GitAPIException {
        PersonIdent author = new PersonIdent("Dana Dev", "dana@example.com", nextDate(), ZoneOffset.UTC);
        day++;
        return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
