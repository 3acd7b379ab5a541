package dev.bulwark.secrets.git;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.secrets.SecretScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Scans the history of a git repository (or its staged changes) for secrets with a
 * {@link SecretScanner}. A source, in the pipeline's terms: it reads blobs with JGit and hands
 * their bytes to the engine, which stays free of I/O.
 *
 * <p>Semantics: every commit in scope is compared with each of its parents (a root commit with
 * the empty tree). A path counts as changed when its blob differs from the blob at that path in
 * every parent, so a merge that takes a file from one side is not a change. Each changed blob is
 * scanned, and a secret is reported only where it is new: a finding whose fingerprint (detector +
 * secret) also occurs in a parent's version of the same path is not reported again. Each secret is
 * therefore reported once per path, at the commit that introduced it there, even when a later
 * commit deletes it. A staged scan applies the same rule to the index with HEAD as the parent, so
 * a pre-commit hook fires only for secrets being added now. A rename is a new path: a secret in a
 * renamed file is reported again for its new path.
 *
 * <p>Each blob is scanned once per scan, whatever the number of commits and paths it appears in;
 * the scan keeps the ids of scanned blobs and the findings of those that had any, nothing else.
 * Commits are walked on the calling thread; blobs are loaded (each worker with its own JGit
 * {@code ObjectReader}) and scanned on {@code threads} worker threads. The output does not depend
 * on the thread count.
 *
 * <p>Bad input does not stop the scan: blobs over the size limit and binary blobs are counted and
 * skipped; a missing or corrupt object becomes a warning naming the commit and path, and the scan
 * goes on. A commit whose parent cannot be read is compared with the parents that can (the empty
 * tree when none can); the commits of a shallow clone's boundary are compared with the empty tree,
 * and a warning says the history is partial.
 *
 * <p>Immutable and thread-safe; each {@link #scan} opens, reads and closes the repository.
 */
public final class GitHistoryScanner {
    private final SecretScanner scanner;
    private final long maxBlobBytes;
    private final int threads;

    /**
     * @param maxBlobBytes blobs larger than this are skipped (and counted)
     * @param threads worker threads scanning blobs, at least 1
     * @throws IllegalArgumentException when {@code maxBlobBytes} or {@code threads} is not positive
     */
    public GitHistoryScanner(SecretScanner scanner, long maxBlobBytes, int threads) {
        this.scanner = requireNonNull(scanner, "scanner is null");
        if (maxBlobBytes < 1) {
            throw new IllegalArgumentException("maxBlobBytes must be positive: " + maxBlobBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.maxBlobBytes = maxBlobBytes;
        this.threads = threads;
    }

    /**
     * Scans {@code scope} of the repository at {@code repository} (a working tree, any folder in
     * it, or a bare repository's folder).
     *
     * @return findings, warnings and counts; never null
     * @throws BulwarkException a user error when the path does not exist or is not in a git
     *     repository, the {@code since} revision is unknown or not a commit, or a staged scan is
     *     asked of a bare repository; a resource error when the repository cannot be read at all
     */
    public GitScanResult scan(Path repository, GitScope scope) {
        requireNonNull(repository, "repository is null");
        requireNonNull(scope, "scope is null");
        try (Repository opened = open(repository, scope)) {
            return new HistoryScan(opened, scanner, maxBlobBytes, threads).run(scope);
        }
    }

    private static Repository open(Path path, GitScope scope) {
        if (!Files.exists(path)) {
            throw BulwarkException.userError("path not found: " + path);
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(path.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw BulwarkException.userError(path + " is not in a git repository (no .git folder there or in a parent"
                    + " folder, and it is not a bare repository)");
        }
        builder.setMustExist(true);
        Path gitDir = builder.getGitDir().toPath().toAbsolutePath().normalize();
        scope.indexFile().map(file -> file.toAbsolutePath().normalize()).filter(file -> file.startsWith(gitDir))
                .ifPresent(file -> builder.setIndexFile(file.toFile()));
        try {
            return builder.build();
        } catch (RepositoryNotFoundException e) {
            throw BulwarkException.userError(path + " is not in a git repository: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw BulwarkException.userError("cannot open the git repository at " + builder.getGitDir() + ": "
                    + e.getMessage());
        }
    }
}
