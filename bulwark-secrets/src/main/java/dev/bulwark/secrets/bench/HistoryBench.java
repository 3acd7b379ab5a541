package dev.bulwark.secrets.bench;

import static java.util.Objects.requireNonNull;

import dev.bulwark.secrets.SecretCorpus;
import dev.bulwark.secrets.SecretScanner;
import dev.bulwark.secrets.git.GitHistoryScanner;
import dev.bulwark.secrets.git.GitScanResult;
import dev.bulwark.secrets.git.GitScope;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Throughput of {@link GitHistoryScanner} over a generated repository: a bare repository whose
 * first commit holds a {@link SecretCorpus} and whose later commits each edit a few files, plant
 * a new synthetic secret every few commits and remove every other planted secret a few commits
 * later (it stays a finding: it is in the history). The repository is packed, as real ones are.
 * All refs are then scanned with one thread and with every core; each run prints commits/s, MB/s
 * of blob content scanned and findings against planted secrets (a secret is planted once and must
 * be found once, however many later commits keep it).
 *
 * <p>A plain main rather than JMH: the build is offline and JMH is not in the local repository.
 * Run it after {@code ./mvnw -B -q -o install -DskipTests -pl bulwark-core,bulwark-secrets -am}:
 * <pre>
 * java -cp "bulwark-secrets/target/classes:bulwark-core/target/classes:$(cd bulwark-secrets &amp;&amp; ../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.bulwark.secrets.bench.HistoryBench [COMMITS]
 * </pre>
 */
public final class HistoryBench {
    private static final Instant FIRST_DATE = Instant.parse("2024-01-01T00:00:00Z");
    private static final String FILLER = "    // revision %d: keep the list sorted so lookups can use binary search";

    private HistoryBench() {}

    /**
     * The generated history.
     *
     * @param commits commits on the main branch, the first holding the whole corpus
     * @param files files in the corpus
     * @param linesPerFile lines per file
     * @param filesPerCommit files each later commit edits
     * @param secretEvery a new secret is planted every this many commits
     * @param removeAfter every other planted secret is removed this many commits after it was planted
     * @param seed random seed; the repository is the same for the same options
     */
    public record Options(int commits, int files, int linesPerFile, int filesPerCommit, int secretEvery,
                          int removeAfter, long seed) {
        public Options {
            if (commits < 1 || files < 1 || linesPerFile < 1 || filesPerCommit < 1 || filesPerCommit > files
                    || secretEvery < 1 || removeAfter < 1) {
                throw new IllegalArgumentException("bench options must be positive and filesPerCommit <= files: " + this);
            }
        }

        /** 2,000 commits over 200 files of 200 lines, 3 files edited per commit, a secret every 10 commits. */
        public static Options defaults() {
            return new Options(2000, 200, 200, 3, 10, 7, 1);
        }

        public Options withCommits(int newCommits) {
            return new Options(newCommits, files, linesPerFile, filesPerCommit, secretEvery, removeAfter, seed);
        }
    }

    /** One timed scan of all refs. */
    public record Run(int threads, double seconds, GitScanResult result) {
        public Run {
            requireNonNull(result, "result is null");
        }

        public double commitsPerSecond() {
            return result.commitsScanned() / seconds;
        }

        public double megabytesPerSecond() {
            return result.bytesScanned() / 1e6 / seconds;
        }
    }

    /** The generated repository's size and the timed runs, one per thread count. */
    public record Result(Options options, int plantedSecrets, long repositoryBytes, List<Run> runs) {
        public Result {
            requireNonNull(options, "options is null");
            runs = List.copyOf(runs);
        }
    }

    /**
     * Generates the repository in a new folder under {@code workDir}, scans it (one warm-up run
     * with every core, then one timed run per thread count), prints a line per run to
     * {@code out} and deletes the repository.
     *
     * @param threadCounts the thread counts to time, e.g. {@code 1} and the number of cores
     * @throws UncheckedIOException when the repository cannot be written
     */
    public static Result run(Path workDir, Options options, int[] threadCounts, PrintStream out) {
        requireNonNull(options, "options is null");
        Path repository;
        try {
            repository = Files.createTempDirectory(workDir, "bulwark-history-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long generating = System.nanoTime();
            int planted = generate(repository, options);
            long repositoryBytes = sizeOf(repository);
            out.printf(Locale.ROOT, "repository: %d commits, %d files, %d planted secrets, %.1f MB packed (generated in"
                    + " %.1f s)%n", options.commits(), options.files(), planted, repositoryBytes / 1e6,
                    (System.nanoTime() - generating) / 1e9);
            SecretScanner scanner = SecretScanner.builtin();
            int cores = Runtime.getRuntime().availableProcessors();
            print(out, "warm-up", planted, timed(scanner, repository, cores));
            List<Run> runs = new ArrayList<>();
            for (int threads : threadCounts) {
                Run run = timed(scanner, repository, threads);
                print(out, threads + (threads == 1 ? " thread" : " threads"), planted, run);
                runs.add(run);
            }
            return new Result(options, planted, repositoryBytes, runs);
        } finally {
            delete(repository);
        }
    }

    public static void main(String[] args) throws IOException {
        Options options = args.length > 0 ? Options.defaults().withCommits(Integer.parseInt(args[0])) : Options.defaults();
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = cores == 1 ? new int[] {1} : new int[] {1, cores};
        run(Path.of(System.getProperty("java.io.tmpdir")), options, threadCounts, System.out);
    }

    private static Run timed(SecretScanner scanner, Path repository, int threads) {
        long started = System.nanoTime();
        GitScanResult result = new GitHistoryScanner(scanner, 10L << 20, threads).scan(repository, GitScope.allRefs());
        return new Run(threads, (System.nanoTime() - started) / 1e9, result);
    }

    private static void print(PrintStream out, String label, int planted, Run run) {
        GitScanResult result = run.result();
        out.printf(Locale.ROOT, "%s: %.0f commits/s, %.1f MB/s (%.2f s; %d commits, %d blobs, %.1f MB; %d findings,"
                + " %d planted; %d warnings)%n", label, run.commitsPerSecond(), run.megabytesPerSecond(), run.seconds(),
                result.commitsScanned(), result.blobsScanned(), result.bytesScanned() / 1e6, result.findings().size(),
                planted, result.warnings().size());
    }

    /** Writes the history into a new bare repository at {@code dir}; returns the number of planted secrets. */
    static int generate(Path dir, Options options) {
        Random random = new Random(options.seed());
        List<SecretCorpus.File> corpus = SecretCorpus.generate(options.files(), options.linesPerFile(), 50, options.seed());
        String[] paths = new String[corpus.size()];
        List<String[]> lines = new ArrayList<>(corpus.size());
        int planted = 0;
        for (int f = 0; f < corpus.size(); f++) {
            paths[f] = corpus.get(f).path().substring(corpus.get(f).path().indexOf('/') + 1);
            lines.add(corpus.get(f).text().split("\n", -1));
            planted += corpus.get(f).plantedSecrets();
        }
        // Where each planted secret is to be removed: {commit, file, line}.
        List<int[]> removals = new ArrayList<>();
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call();
             ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            ObjectId[] blobs = new ObjectId[paths.length];
            for (int f = 0; f < paths.length; f++) {
                blobs[f] = insertBlob(inserter, lines.get(f));
            }
            ObjectId parent = null;
            for (int commit = 0; commit < options.commits(); commit++) {
                if (commit > 0) {
                    int[] edited = distinctFiles(random, options.filesPerCommit(), paths.length);
                    for (int f : edited) {
                        String[] text = lines.get(f);
                        text[random.nextInt(text.length - 1)] = String.format(Locale.ROOT, FILLER, commit);
                    }
                    if (commit % options.secretEvery() == 0) {
                        int f = edited[0];
                        int line = random.nextInt(lines.get(f).length - 1);
                        lines.get(f)[line] = SecretCorpus.generate(1, 1, 1, options.seed() * 1_000_003 + commit).get(0)
                                .text().strip();
                        planted++;
                        if ((commit / options.secretEvery()) % 2 == 0) {
                            removals.add(new int[] {commit + options.removeAfter(), f, line});
                        }
                    }
                    for (int[] removal : removals) {
                        if (removal[0] == commit) {
                            lines.get(removal[1])[removal[2]] = String.format(Locale.ROOT, FILLER, commit);
                        }
                    }
                    int current = commit;
                    removals.removeIf(removal -> removal[0] == current);
                    for (int f : edited) {
                        blobs[f] = insertBlob(inserter, lines.get(f));
                    }
                    for (int[] removal : removals) {
                        blobs[removal[1]] = insertBlob(inserter, lines.get(removal[1]));
                    }
                }
                parent = insertCommit(inserter, paths, blobs, parent, commit);
            }
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(parent);
            update.forceUpdate();
            git.gc().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot write the bench repository: " + e.getMessage(), e);
        }
        return planted;
    }

    private static int[] distinctFiles(Random random, int count, int files) {
        int[] chosen = new int[count];
        int found = 0;
        while (found < count) {
            int candidate = random.nextInt(files);
            boolean fresh = true;
            for (int i = 0; i < found; i++) {
                fresh &= chosen[i] != candidate;
            }
            if (fresh) {
                chosen[found++] = candidate;
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static ObjectId insertBlob(ObjectInserter inserter, String[] lines) throws IOException {
        return inserter.insert(Constants.OBJ_BLOB, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectId insertCommit(ObjectInserter inserter, String[] paths, ObjectId[] blobs, ObjectId parent,
                                         int number) throws IOException {
        TreeFormatter corpusTree = new TreeFormatter();
        for (int f = 0; f < paths.length; f++) {
            corpusTree.append(paths[f], FileMode.REGULAR_FILE, blobs[f]);
        }
        TreeFormatter root = new TreeFormatter();
        root.append("corpus", FileMode.TREE, inserter.insert(corpusTree));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(root));
        if (parent != null) {
            commit.setParentId(parent);
        }
        PersonIdent author = new PersonIdent("Bench Author", "bench@example.com", FIRST_DATE.plusSeconds(3600L * number),
                ZoneOffset.UTC);
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage("change " + number + "\n");
        return inserter.insert(commit);
    }

    private static long sizeOf(Path dir) {
        long[] total = {0};
        walk(dir, (file, attributes) -> total[0] += attributes.size());
        return total[0];
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                    Files.delete(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench repository " + dir, e);
        }
    }

    private interface FileVisit {
        void visit(Path file, BasicFileAttributes attributes);
    }

    private static void walk(Path dir, FileVisit visit) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    visit.visit(file, attributes);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
