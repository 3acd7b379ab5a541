package dev.bulwark.secrets.git;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.findings.InlineSuppressions;
import dev.bulwark.secrets.SecretScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * One scan of one repository; not thread-safe, used once by {@link GitHistoryScanner}.
 *
 * <p>Design: the calling thread walks the commits oldest first (a topological order in which a
 * ready commit with the oldest commit time goes first), diffs each against its parents and asks
 * for the blobs it needs: the changed blob and the parents' versions of the path. Blobs not yet
 * seen go to the worker pool. Commits wait in a bounded window until their blobs are done and are
 * then resolved in walk order, so the output is the same for any number of workers and memory
 * stays bounded by the window, not by the history. A blob's findings are kept only when it has
 * any; otherwise only a flag on its {@link RevBlob} says it was scanned.
 */
final class HistoryScan {
    /** The text scanned blobs are named by; findings are relocated to their real path. */
    private static final String BLOB_NAME = "blob";
    private static final String IGNORE_MARKER = "bulwark:ignore";
    private static final int MAX_PENDING_COMMITS = 256;
    private static final int MAX_BLOBS_IN_FLIGHT = 1024;
    private static final int SHORT_ID = 7;

    private final Repository repository;
    private final SecretScanner scanner;
    private final long maxBlobBytes;
    private final int threads;

    private final List<ScanWarning> warnings = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<ObjectId, List<Finding>> blobFindings = new HashMap<>();
    /** The {@code bulwark:ignore} comments of blobs with findings and comments. */
    private final Map<ObjectId, InlineSuppressions> blobComments = new HashMap<>();
    /** The comments of the file version each reported finding is in, by the finding's resource address. */
    private final Map<String, InlineSuppressions> comments = new HashMap<>();
    private final Map<ObjectId, CompletableFuture<BlobResult>> inFlight = new HashMap<>();
    private final ArrayDeque<PendingCommit> pending = new ArrayDeque<>();
    private int commitsScanned;
    private long blobsScanned;
    private long bytesScanned;
    private long skippedBinary;
    private long skippedTooLarge;

    private RevWalk walk;
    private RevFlag seen;
    private RevFlag excluded;
    private RevFlag broken;
    private RevFlag scanned;
    private ExecutorService pool;
    private ThreadLocal<ObjectReader> readers;
    private final ConcurrentLinkedQueue<ObjectReader> openReaders = new ConcurrentLinkedQueue<>();

    HistoryScan(Repository repository, SecretScanner scanner, long maxBlobBytes, int threads) {
        this.repository = repository;
        this.scanner = scanner;
        this.maxBlobBytes = maxBlobBytes;
        this.threads = threads;
    }

    GitScanResult run(GitScope scope) {
        AtomicInteger workerNumber = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "bulwark-git-blobs-" + workerNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        readers = ThreadLocal.withInitial(() -> {
            ObjectReader reader = repository.newObjectReader();
            openReaders.add(reader);
            return reader;
        });
        try (RevWalk revWalk = new RevWalk(repository)) {
            walk = revWalk;
            walk.setRetainBody(false);
            seen = walk.newFlag("seen");
            excluded = walk.newFlag("excluded");
            broken = walk.newFlag("broken");
            scanned = walk.newFlag("scanned");
            switch (scope.kind()) {
                case ALL_REFS -> history(null);
                case SINCE -> history(scope.since().orElseThrow());
                case STAGED -> staged();
            }
            while (!pending.isEmpty()) {
                resolve(pending.removeFirst());
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ObjectReader reader : openReaders) {
                reader.close();
            }
        }
        Collections.sort(warnings);
        return new GitScanResult(findings, comments, warnings, commitsScanned, blobsScanned, bytesScanned, skippedBinary,
                skippedTooLarge);
    }

    // ---- commits ----

    private void history(String since) {
        Set<ObjectId> shallow = shallowCommits();
        if (since != null) {
            exclude(resolveSince(since), shallow);
        }
        List<RevCommit> commits = reachable(startCommits(), shallow);
        for (RevCommit commit : oldestFirst(commits, shallow)) {
            diffCommit(commit, shallow.contains(commit));
            drain();
        }
    }

    private Set<ObjectId> shallowCommits() {
        try {
            Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
            if (!shallow.isEmpty()) {
                warnings.add(new ScanWarning("shallow", 0, "shallow clone: history before " + shallow.size()
                        + " boundary commit(s) is missing; the boundary commits are compared with an empty tree, so"
                        + " every secret in their files is reported there. Fetch the full history (git fetch"
                        + " --unshallow) for exact results"));
            }
            return shallow;
        } catch (IOException e) {
            warnings.add(new ScanWarning("shallow", 0, "cannot read the list of shallow commits: " + e.getMessage()));
            return Set.of();
        }
    }

    private RevCommit resolveSince(String revision) {
        ObjectId id;
        try {
            id = repository.resolve(revision);
        } catch (RevisionSyntaxException | IOException e) {
            throw BulwarkException.userError("cannot resolve revision '" + revision + "': " + e.getMessage());
        }
        if (id == null) {
            throw BulwarkException.userError("unknown revision '" + revision + "': not a branch, tag or commit of "
                    + location());
        }
        try {
            return walk.parseCommit(id);
        } catch (IncorrectObjectTypeException e) {
            throw BulwarkException.userError("revision '" + revision + "' is not a commit");
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.RESOURCE_ERROR, "cannot read revision '" + revision + "' ("
                    + id.name() + "): " + e.getMessage(), e);
        }
    }

    /** Marks every commit reachable from {@code boundary} as outside the scope. */
    private void exclude(RevCommit boundary, Set<ObjectId> shallow) {
        ArrayDeque<RevCommit> stack = new ArrayDeque<>();
        boundary.add(excluded);
        stack.push(boundary);
        while (!stack.isEmpty()) {
            RevCommit commit = stack.pop();
            if (!parse(commit) || shallow.contains(commit)) {
                continue;
            }
            for (RevCommit parent : commit.getParents()) {
                if (!parent.has(excluded)) {
                    parent.add(excluded);
                    stack.push(parent);
                }
            }
        }
    }

    /** The commits refs point at (tags peeled), the stash reflog and HEAD, in ref-name order. */
    private List<RevCommit> startCommits() {
        Map<String, ObjectId> starts = new TreeMap<>();
        try {
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    starts.put(ref.getName(), ref.getObjectId());
                }
            }
            Ref head = repository.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                starts.put(Constants.HEAD, head.getObjectId());
            }
            ReflogReader stash = repository.getRefDatabase().getReflogReader(Constants.R_STASH);
            if (stash != null) {
                List<ReflogEntry> entries = stash.getReverseEntries();
                for (int i = 0; i < entries.size(); i++) {
                    starts.put(Constants.R_STASH + "@{" + i + "}", entries.get(i).getNewId());
                }
            }
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.RESOURCE_ERROR, "cannot read the refs of " + location() + ": "
                    + e.getMessage(), e);
        }
        List<RevCommit> commits = new ArrayList<>();
        for (Map.Entry<String, ObjectId> start : starts.entrySet()) {
            try {
                RevObject object = walk.parseAny(start.getValue());
                while (object instanceof RevTag tag) {
                    object = walk.parseAny(tag.getObject());
                }
                if (object instanceof RevCommit commit) {
                    commits.add(commit);
                }
            } catch (IOException e) {
                warnings.add(new ScanWarning(start.getKey(), 0, "ref points to an object that cannot be read ("
                        + start.getValue().name() + "): " + problem(e) + "; skipped"));
            }
        }
        return commits;
    }

    /** Every commit reachable from {@code starts} and not excluded; unreadable ones are flagged broken. */
    private List<RevCommit> reachable(List<RevCommit> starts, Set<ObjectId> shallow) {
        List<RevCommit> commits = new ArrayList<>();
        ArrayDeque<RevCommit> stack = new ArrayDeque<>();
        for (RevCommit start : starts) {
            if (!start.has(seen) && !start.has(excluded)) {
                start.add(seen);
                stack.push(start);
            }
        }
        while (!stack.isEmpty()) {
            RevCommit commit = stack.pop();
            if (!parse(commit)) {
                continue;
            }
            commits.add(commit);
            if (shallow.contains(commit)) {
                continue;
            }
            for (RevCommit parent : commit.getParents()) {
                if (!parent.has(seen) && !parent.has(excluded)) {
                    parent.add(seen);
                    stack.push(parent);
                }
            }
        }
        return commits;
    }

    /** Parses a commit's headers; a commit that cannot be read is flagged broken, with a warning. */
    private boolean parse(RevCommit commit) {
        if (commit.has(broken)) {
            return false;
        }
        try {
            walk.parseHeaders(commit);
            return true;
        } catch (IOException e) {
            commit.add(broken);
            warnings.add(new ScanWarning("commit " + commit.name(), 0, "cannot be read: " + problem(e)
                    + "; it and the history only reachable through it are skipped"));
            return false;
        }
    }

    /**
     * Parents before children; among the commits whose parents are all out, the oldest commit
     * time first, then the id, so the order is deterministic.
     */
    private List<RevCommit> oldestFirst(List<RevCommit> commits, Set<ObjectId> shallow) {
        Map<RevCommit, Integer> waiting = new HashMap<>();
        Map<RevCommit, List<RevCommit>> children = new HashMap<>();
        Comparator<RevCommit> byTime = Comparator.comparingInt(RevCommit::getCommitTime).thenComparing(RevCommit::name);
        PriorityQueue<RevCommit> ready = new PriorityQueue<>(byTime);
        for (RevCommit commit : commits) {
            int count = 0;
            if (!shallow.contains(commit)) {
                for (RevCommit parent : commit.getParents()) {
                    if (parent.has(seen) && !parent.has(broken)) {
                        count++;
                        children.computeIfAbsent(parent, key -> new ArrayList<>(1)).add(commit);
                    }
                }
            }
            if (count == 0) {
                ready.add(commit);
            } else {
                waiting.put(commit, count);
            }
        }
        List<RevCommit> order = new ArrayList<>(commits.size());
        while (!ready.isEmpty()) {
            RevCommit commit = ready.poll();
            order.add(commit);
            for (RevCommit child : children.getOrDefault(commit, List.of())) {
                int left = waiting.merge(child, -1, Integer::sum);
                if (left == 0) {
                    waiting.remove(child);
                    ready.add(child);
                }
            }
        }
        return order;
    }

    private void diffCommit(RevCommit commit, boolean shallowBoundary) {
        commitsScanned++;
        String context;
        try {
            walk.parseBody(commit);
            context = commitContext(commit);
        } catch (IOException e) {
            commit.add(broken);
            warnings.add(new ScanWarning("commit " + commit.name(), 0, "cannot be read: " + problem(e) + "; skipped"));
            return;
        }
        commit.disposeBody();
        ResourceKind resource = new ResourceKind("GitCommit", commit.name() + ":");
        try (TreeWalk treeWalk = new TreeWalk(repository, walk.getObjectReader())) {
            treeWalk.addTree(commit.getTree());
            if (!shallowBoundary) {
                for (RevCommit parent : commit.getParents()) {
                    if (!parent.has(broken)) {
                        treeWalk.addTree(parent.getTree());
                    }
                }
            }
            if (treeWalk.getTreeCount() == 1) {
                treeWalk.addTree(new EmptyTreeIterator());
            }
            changes(treeWalk, "commit " + commit.name(), new PendingCommit(context, resource));
        } catch (IOException e) {
            warnings.add(new ScanWarning("commit " + commit.name(), 0, "its trees cannot be read: " + problem(e)
                    + "; the commit is skipped"));
        }
    }

    private String commitContext(RevCommit commit) throws IOException {
        String shortId = walk.getObjectReader().abbreviate(commit, SHORT_ID).name();
        PersonIdent author = commit.getAuthorIdent();
        if (author == null) {
            return " (commit " + shortId + ")";
        }
        return " (commit " + shortId + ", " + DateTimeFormatter.ISO_INSTANT.format(author.getWhenAsInstant()) + ", "
                + author.getName() + ")";
    }

    // ---- staged ----

    private void staged() {
        DirCache index;
        try {
            index = repository.readDirCache();
        } catch (NoWorkTreeException e) {
            throw BulwarkException.userError("a staged scan needs a working tree, and " + location() + " is a bare repository");
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.RESOURCE_ERROR, "cannot read the index of " + location() + ": "
                    + e.getMessage(), e);
        }
        try (TreeWalk treeWalk = new TreeWalk(repository, walk.getObjectReader())) {
            treeWalk.addTree(new DirCacheIterator(index));
            ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
            if (head == null) {
                treeWalk.addTree(new EmptyTreeIterator());
            } else {
                treeWalk.addTree(head);
            }
            changes(treeWalk, "staged", new PendingCommit(" (staged)", new ResourceKind("GitIndex", "staged:")));
        } catch (IOException | RevisionSyntaxException e) {
            throw new BulwarkException(ErrorCode.RESOURCE_ERROR, "cannot compare the index of " + location()
                    + " with HEAD: " + e.getMessage(), e);
        }
    }

    // ---- changes and blobs ----

    /**
     * Collects the paths whose blob in tree 0 differs from the blob at that path in every other
     * tree, asks for those blobs and the other trees' versions, and queues the commit.
     */
    private void changes(TreeWalk treeWalk, String where, PendingCommit commit) throws IOException {
        treeWalk.setRecursive(true);
        treeWalk.setFilter(TreeFilter.ANY_DIFF);
        int trees = treeWalk.getTreeCount();
        while (treeWalk.next()) {
            if (!isFile(treeWalk.getRawMode(0))) {
                if (treeWalk.getRawMode(0) == 0) {
                    removed(treeWalk, where, commit);
                }
                continue;
            }
            if (treeWalk.getTree(0, AbstractTreeIterator.class) instanceof DirCacheIterator index
                    && index.getDirCacheEntry() != null && index.getDirCacheEntry().getStage() != 0) {
                continue;
            }
            ObjectId blob = treeWalk.getObjectId(0);
            List<ObjectId> before = new ArrayList<>(trees - 1);
            boolean changedFromAll = true;
            for (int tree = 1; tree < trees; tree++) {
                if (isFile(treeWalk.getRawMode(tree))) {
                    ObjectId parentBlob = treeWalk.getObjectId(tree);
                    if (parentBlob.equals(blob)) {
                        changedFromAll = false;
                        break;
                    }
                    if (!knownAsOtherType(parentBlob)) {
                        before.add(parentBlob);
                    }
                }
            }
            if (!changedFromAll) {
                continue;
            }
            String path = treeWalk.getPathString();
            if (knownAsOtherType(blob)) {
                warnings.add(new ScanWarning(path, 0, where + ": the tree names " + blob.name() + " as a file, but it"
                        + " is another kind of object (a corrupt or crafted tree); not scanned"));
                continue;
            }
            Change change = new Change(path, blob, before);
            commit.changes.add(change);
            request(blob, new Origin(path, where), commit);
            for (ObjectId parentBlob : before) {
                request(parentBlob, new Origin(path, where + ", parent version"), commit);
            }
        }
        pending.addLast(commit);
    }

    /**
     * A path the commit deleted: its parents' versions are requested, so that a file moved or
     * renamed in the same commit does not report again the secrets it carried.
     */
    private void removed(TreeWalk treeWalk, String where, PendingCommit commit) {
        for (int tree = 1; tree < treeWalk.getTreeCount(); tree++) {
            if (isFile(treeWalk.getRawMode(tree))) {
                ObjectId parentBlob = treeWalk.getObjectId(tree);
                if (!knownAsOtherType(parentBlob)) {
                    commit.removed.add(parentBlob);
                    request(parentBlob, new Origin(treeWalk.getPathString(), where + ", deleted version"), commit);
                }
            }
        }
    }

    /** Whether the walk already knows {@code id} as a commit, tree or tag: then it cannot be read as a blob. */
    private boolean knownAsOtherType(ObjectId id) {
        RevObject known = walk.lookupOrNull(id);
        return known != null && !(known instanceof RevBlob);
    }

    private static boolean isFile(int rawMode) {
        return (rawMode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
    }

    private void request(ObjectId id, Origin origin, PendingCommit commit) {
        RevBlob blob = walk.lookupBlob(id);
        if (blob.has(scanned)) {
            return;
        }
        CompletableFuture<BlobResult> future = inFlight.get(blob);
        if (future == null) {
            future = CompletableFuture.supplyAsync(() -> load(id, origin), pool);
            inFlight.put(blob, future);
        }
        commit.futures.add(future);
    }

    /** Resolves the oldest pending commits while they are done or the window is full. */
    private void drain() {
        while (!pending.isEmpty() && (pending.peekFirst().done() || pending.size() > MAX_PENDING_COMMITS
                || inFlight.size() > MAX_BLOBS_IN_FLIGHT)) {
            resolve(pending.removeFirst());
        }
    }

    private void resolve(PendingCommit commit) {
        List<Finding> added = new ArrayList<>();
        // A new path's secrets that a path deleted by the same commit had were moved, not added.
        Set<String> moved = new HashSet<>();
        for (ObjectId removedBlob : commit.removed) {
            for (Finding finding : findingsOf(removedBlob)) {
                moved.add(finding.fingerprint());
            }
        }
        for (Change change : commit.changes) {
            List<Finding> now = findingsOf(change.blob());
            Set<String> before = new HashSet<>();
            if (change.before().isEmpty()) {
                before.addAll(moved);
            }
            for (ObjectId parentBlob : change.before()) {
                for (Finding finding : findingsOf(parentBlob)) {
                    before.add(finding.fingerprint());
                }
            }
            InlineSuppressions blobComment = blobComments.get(change.blob());
            for (Finding finding : now) {
                if (!before.contains(finding.fingerprint())) {
                    Finding relocated = relocate(finding, change.path(), commit);
                    added.add(relocated);
                    if (blobComment != null) {
                        comments.put(relocated.resource().address(), blobComment);
                    }
                }
            }
        }
        added.sort(Finding.REPORT_ORDER);
        findings.addAll(added);
    }

    /** The findings of a requested blob; the first call for a blob counts it and records its warning. */
    private List<Finding> findingsOf(ObjectId id) {
        RevBlob blob = walk.lookupBlob(id);
        if (blob.has(scanned)) {
            return blobFindings.getOrDefault(blob, List.of());
        }
        BlobResult result;
        try {
            result = inFlight.remove(blob).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        blob.add(scanned);
        switch (result.status()) {
            case SCANNED -> {
                blobsScanned++;
                bytesScanned += result.size();
            }
            case BINARY -> skippedBinary++;
            case TOO_LARGE -> skippedTooLarge++;
            case UNREADABLE -> warnings.add(new ScanWarning(result.origin().path(), 0, result.origin().where()
                    + ": blob " + id.name() + " cannot be read: " + result.problem() + "; not scanned"));
        }
        if (!result.findings().isEmpty()) {
            blobFindings.put(blob, result.findings());
        }
        if (result.comments() != null) {
            blobComments.put(blob, result.comments());
        }
        return result.findings();
    }

    /** Runs on a worker: loads one blob with the worker's own reader and scans it. */
    private BlobResult load(ObjectId id, Origin origin) {
        ObjectReader reader = readers.get();
        try {
            ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
            long size = loader.getSize();
            if (size > maxBlobBytes) {
                return BlobResult.skipped(BlobResult.Status.TOO_LARGE, size);
            }
            byte[] content;
            if (loader.isLarge()) {
                try (InputStream in = loader.openStream()) {
                    content = in.readNBytes((int) size);
                }
            } else {
                content = loader.getCachedBytes();
            }
            if (SecretScanner.isBinary(content)) {
                return BlobResult.skipped(BlobResult.Status.BINARY, size);
            }
            List<Finding> found = scanner.scan(BLOB_NAME, content);
            return new BlobResult(BlobResult.Status.SCANNED, found, size, null, "", found.isEmpty() ? null : comments(content));
        } catch (MissingObjectException e) {
            return BlobResult.unreadable(origin, "missing object");
        } catch (CorruptObjectException e) {
            return BlobResult.unreadable(origin, "corrupt object: " + e.getMessage());
        } catch (IOException | LargeObjectException e) {
            return BlobResult.unreadable(origin, problem(e));
        }
    }

    /**
     * The {@code bulwark:ignore} comments of a blob that has findings, or null when it has none;
     * the text is decoded again only for such blobs, which are few.
     */
    private static InlineSuppressions comments(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.contains(IGNORE_MARKER)) {
            return null;
        }
        return InlineSuppressions.parse(text.lines().toList());
    }

    private static Finding relocate(Finding finding, String path, PendingCommit commit) {
        SourceLocation at = finding.location();
        SourceLocation location = new SourceLocation(path, at.startLine(), at.startColumn(), at.endLine(), at.endColumn());
        ResourceRef resource = new ResourceRef(commit.resource.type(), commit.resource.addressPrefix() + path, path);
        return new Finding(finding.ruleId(), finding.severity(), finding.type(), finding.title(),
                finding.message() + commit.context, resource, location, finding.path(), finding.snippet(),
                finding.remediation(), finding.fix(), finding.compliance(), finding.suppression(), finding.fingerprint(),
                finding.evidence());
    }

    private String location() {
        return repository.isBare() ? repository.getDirectory().toString() : repository.getWorkTree().toString();
    }

    /** An exception's message, or its type when it has none. */
    private static String problem(Exception e) {
        String message = e.getMessage();
        String kind = e instanceof MissingObjectException ? "missing object"
                : e instanceof CorruptObjectException ? "corrupt object" : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    /** Where a blob was first asked for: the path and the commit (or the index), for warnings. */
    private record Origin(String path, String where) {}

    private record ResourceKind(String type, String addressPrefix) {}

    private record Change(String path, ObjectId blob, List<ObjectId> before) {}

    /** A commit (or the index) whose changes wait for their blobs. */
    private static final class PendingCommit {
        final String context;
        final ResourceKind resource;
        final List<Change> changes = new ArrayList<>();
        /** The parents' versions of the paths the commit deleted. */
        final List<ObjectId> removed = new ArrayList<>();
        final List<CompletableFuture<BlobResult>> futures = new ArrayList<>();

        PendingCommit(String context, ResourceKind resource) {
            this.context = context;
            this.resource = resource;
        }

        boolean done() {
            for (CompletableFuture<BlobResult> future : futures) {
                if (!future.isDone()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What scanning one blob gave: its findings (named {@value #BLOB_NAME}) or why it was not scanned. */
    private record BlobResult(Status status, List<Finding> findings, long size, Origin origin, String problem,
                              InlineSuppressions comments) {
        enum Status { SCANNED, BINARY, TOO_LARGE, UNREADABLE }

        static BlobResult skipped(Status status, long size) {
            return new BlobResult(status, List.of(), size, null, "", null);
        }

        static BlobResult unreadable(Origin origin, String problem) {
            return new BlobResult(Status.UNREADABLE, List.of(), 0, origin, problem, null);
        }
    }
}
