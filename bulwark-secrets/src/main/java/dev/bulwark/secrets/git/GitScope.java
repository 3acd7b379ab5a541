package dev.bulwark.secrets.git;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What part of a repository a {@link GitHistoryScanner} reads.
 *
 * @param kind every commit reachable from a ref, those not reachable from {@code since}, or the
 *     staged changes
 * @param since the excluded revision (branch, tag, commit id, {@code HEAD~3}); present exactly
 *     for {@link Kind#SINCE}
 * @param indexFile the index to read instead of the repository's own (git passes it to hooks as
 *     {@code GIT_INDEX_FILE}, for example during {@code git commit -a}); only for
 *     {@link Kind#STAGED}, and used only when it lies inside the scanned repository's git folder,
 *     so a variable set by a hook of another repository is ignored
 */
public record GitScope(Kind kind, Optional<String> since, Optional<Path> indexFile) {
    /** The three scopes. */
    public enum Kind {
        /** Every commit reachable from any ref: branches, tags, remotes, notes, the stash and its reflog, HEAD. */
        ALL_REFS,
        /** The commits of {@link #ALL_REFS} that are not reachable from a revision. */
        SINCE,
        /** The index compared with HEAD (with nothing before the first commit). */
        STAGED
    }

    /**
     * @throws IllegalArgumentException when {@code since} is present but not for {@link Kind#SINCE}
     *     (or blank), or {@code indexFile} is present but not for {@link Kind#STAGED}
     */
    public GitScope {
        requireNonNull(kind, "kind is null");
        requireNonNull(since, "since is null");
        requireNonNull(indexFile, "indexFile is null");
        if ((kind == Kind.SINCE) != since.isPresent()) {
            throw new IllegalArgumentException("a revision goes with SINCE and only with it, not with " + kind);
        }
        if (since.isPresent() && since.get().isBlank()) {
            throw new IllegalArgumentException("the revision of SINCE is blank");
        }
        if (indexFile.isPresent() && kind != Kind.STAGED) {
            throw new IllegalArgumentException("an index file goes with STAGED only, not with " + kind);
        }
    }

    /** Every commit reachable from any ref. */
    public static GitScope allRefs() {
        return new GitScope(Kind.ALL_REFS, Optional.empty(), Optional.empty());
    }

    /** Commits reachable from any ref but not from {@code revision}. */
    public static GitScope since(String revision) {
        return new GitScope(Kind.SINCE, Optional.of(revision), Optional.empty());
    }

    /** The repository's index compared with HEAD. */
    public static GitScope staged() {
        return new GitScope(Kind.STAGED, Optional.empty(), Optional.empty());
    }

    /** The given index file compared with HEAD. */
    public static GitScope staged(Path indexFile) {
        return new GitScope(Kind.STAGED, Optional.empty(), Optional.of(indexFile));
    }
}
