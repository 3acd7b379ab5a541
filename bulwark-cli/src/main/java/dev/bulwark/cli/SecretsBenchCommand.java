package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.secrets.bench.HistoryBench;
import dev.bulwark.secrets.bench.SecretsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark secrets bench}: MB/s of the working-tree scan over a generated corpus, beside
 * grep and ripgrep on the same patterns, then commits/s of the history scan over a generated
 * repository.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the secrets engine. Working tree: generates source-like files with planted secrets,"
                + " scans them in memory with all detectors on 1 thread and on every core and prints MB/s, then times"
                + " grep -E and ripgrep counting the lines that match the same patterns. History: generates a git"
                + " repository with planted secrets (some removed later) in a temporary folder, scans all refs with"
                + " 1 thread and with every core, prints commits/s, MB/s and findings against planted secrets, and"
                + " deletes the repository."})
final class SecretsBenchCommand implements Callable<Integer> {
    /** Which parts of the benchmark run. */
    enum Part { ALL, WORKING_TREE, HISTORY }

    private final Terminal terminal;

    @Option(names = "--only", paramLabel = "PART", converter = PartConverter.class,
            description = "Run one part: working-tree or history. Default: both.")
    Part only = Part.ALL;

    @Option(names = "--files", paramLabel = "N", description = "Files in the working-tree corpus. Default: 2000 (about 50 MB).")
    int files = 2000;

    @Option(names = "--lines-per-file", paramLabel = "N", description = "Lines per file of the working-tree corpus. Default: 500.")
    int linesPerFile = 500;

    @Option(names = "--no-tools", description = "Do not time grep and ripgrep (about a minute on the default corpus).")
    boolean noTools;

    @Option(names = "--commits", paramLabel = "N", description = "Commits in the generated repository. Default: 2000.")
    int commits = HistoryBench.Options.defaults().commits();

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel runs. Default: the number of processors.")
    Integer threads;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the repository is generated. Default: the temporary folder.")
    Path workDir;

    SecretsBenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (commits < 1) {
            throw BulwarkException.userError("--commits must be positive, not " + commits);
        }
        if (files < 1 || files > 1_000_000) {
            throw BulwarkException.userError("--files must be between 1 and 1000000, not " + files);
        }
        if (linesPerFile < 1 || linesPerFile > 100_000) {
            throw BulwarkException.userError("--lines-per-file must be between 1 and 100000, not " + linesPerFile);
        }
        int parallel = WorkerThreads.of(threads);
        Path dir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir;
        if (!Files.isDirectory(dir)) {
            throw BulwarkException.userError("--work-dir: not a folder: " + dir);
        }
        if (only != Part.HISTORY) {
            terminal.out().println("== working tree");
            SecretsBench.run(files, linesPerFile, parallel, !noTools, terminal.out());
            terminal.out().println();
        }
        if (only != Part.WORKING_TREE) {
            terminal.out().println("== git history");
            int[] threadCounts = parallel == 1 ? new int[] {1} : new int[] {1, parallel};
            HistoryBench.run(dir, HistoryBench.Options.defaults().withCommits(commits), threadCounts, terminal.out());
        }
        return ExitCode.OK;
    }

    /** {@code working-tree} or {@code history}, with a clear message for anything else. */
    static final class PartConverter implements picocli.CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return switch (value) {
                case "working-tree" -> Part.WORKING_TREE;
                case "history" -> Part.HISTORY;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected working-tree or history, not '" + value + "'");
            };
        }
    }
}
