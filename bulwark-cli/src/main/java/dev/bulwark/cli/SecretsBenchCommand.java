package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.secrets.bench.HistoryBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark secrets bench}: commits/s and MB/s of the history scan over a generated repository. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the git history scan: generates a repository with planted secrets (some removed"
                + " later) in a temporary folder, scans all refs with 1 thread and with every core, prints commits/s,"
                + " MB/s of file content and findings against planted secrets, and deletes the repository."})
final class SecretsBenchCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--commits", paramLabel = "N", description = "Commits in the generated repository. Default: 2000.")
    int commits = HistoryBench.Options.defaults().commits();

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel run. Default: the number of processors.")
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
        int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (parallel < 1 || parallel > 512) {
            throw BulwarkException.userError("--threads must be between 1 and 512, not " + parallel);
        }
        Path dir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir;
        if (!Files.isDirectory(dir)) {
            throw BulwarkException.userError("--work-dir: not a folder: " + dir);
        }
        int[] threadCounts = parallel == 1 ? new int[] {1} : new int[] {1, parallel};
        HistoryBench.run(dir, HistoryBench.Options.defaults().withCommits(commits), threadCounts, terminal.out());
        return ExitCode.OK;
    }
}
