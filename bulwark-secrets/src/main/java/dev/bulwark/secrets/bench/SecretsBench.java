package dev.bulwark.secrets.bench;

import static java.util.Objects.requireNonNull;

import dev.bulwark.secrets.Detector;
import dev.bulwark.secrets.DetectorCatalog;
import dev.bulwark.secrets.SecretCorpus;
import dev.bulwark.secrets.SecretScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of {@link SecretScanner#scan(String, byte[])} over a generated corpus
 * ({@link SecretCorpus#generate}, by default 2000 files of 500 lines with a planted secret about
 * every 50 lines, about 50 MB), single-threaded and on a pool of threads over the files, with the
 * number of findings (which must not change between versions of the scanner), and beside it the
 * time {@code grep -E} and ripgrep take to count the lines matching the same detectors' patterns
 * in the same files written to a temporary folder.
 *
 * <p>Single-threaded: warm-up passes, then five timed passes; the median is reported. All threads:
 * three passes, median. The tools run once each, with {@code LC_ALL=C}: {@code grep -E -c -r -f},
 * {@code rg -c -f} and {@code rg -j1 -c -f}. Their patterns are the detectors' patterns rewritten
 * by {@link GrepPatterns}; multi-line detectors and patterns a line-based tool cannot express are
 * dropped, and the number dropped is printed. The tools only count matching lines: they do no
 * validation, entropy or reference checks, so their counts are not findings. A missing tool is
 * reported and skipped.
 *
 * <p>A plain main rather than JMH: JMH is not part of the build. {@code bulwark secrets bench
 * --only working-tree} runs it through the launcher, which gives it the full compiler and a fixed,
 * pre-touched heap (see {@link #jvm()} for why); {@link #main} takes the optional arguments
 * {@code [files [linesPerFile [threads]]]}:
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp bulwark-cli/target/bulwark.jar dev.bulwark.secrets.bench.SecretsBench 2000 500
 * </pre>
 */
public final class SecretsBench {
    /** Lines per planted secret in the corpus, about. */
    public static final int SECRET_EVERY = 50;
    private static final int DEFAULT_FILES = 2000;
    private static final int DEFAULT_LINES_PER_FILE = 500;
    private static final int WARM_UP_PASSES = 8;
    private static final int SINGLE_THREAD_PASSES = 5;
    private static final int ALL_THREADS_PASSES = 3;
    private static final long TOOL_TIMEOUT_SECONDS = 300;

    private SecretsBench() {}

    /**
     * One external tool's run over the corpus.
     *
     * @param command the command line, as run
     * @param available false when the tool could not be started, failed or timed out; then {@code seconds} is 0
     * @param seconds wall time
     * @param matchedLines the sum of the per-file counts the tool printed
     * @param note why the tool is not available, or empty
     */
    public record ToolRun(String command, boolean available, double seconds, long matchedLines, String note) {
        public ToolRun {
            requireNonNull(command, "command is null");
            requireNonNull(note, "note is null");
        }
    }

    /**
     * The benchmark's numbers.
     *
     * @param files the number of files scanned
     * @param bytes their total size
     * @param findings the findings of one pass (the same in every pass)
     * @param singleThreadMegabytesPerSecond the median of the single-threaded passes, in 10^6 bytes per second
     * @param threads the size of the thread pool of the multi-threaded passes
     * @param allThreadsMegabytesPerSecond the median of the multi-threaded passes
     * @param patterns the number of patterns given to the tools
     * @param droppedPatterns the number of detectors whose pattern the tools cannot express
     * @param tools grep and ripgrep runs, in the order run
     */
    public record Result(int files, long bytes, long findings, double singleThreadMegabytesPerSecond, int threads,
                         double allThreadsMegabytesPerSecond, int patterns, int droppedPatterns, List<ToolRun> tools) {
        public Result {
            tools = List.copyOf(tools);
        }
    }

    /** Arguments: {@code [files [linesPerFile [threads]]]}, by default 2000, 500 and the number of processors. */
    public static void main(String[] args) {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_FILES;
        int linesPerFile = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_LINES_PER_FILE;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        run(files, linesPerFile, threads, System.out);
    }

    /**
     * Generates the corpus ({@code SecretCorpus.generate(files, linesPerFile, 50, 1)}), times the
     * built-in scanner and the tools on it, prints every pass and a summary to {@code out}.
     *
     * @throws IllegalArgumentException when a count is not positive
     * @throws IllegalStateException when two passes disagree on the number of findings
     * @throws UncheckedIOException when the temporary corpus cannot be written
     */
    public static Result run(int files, int linesPerFile, int threads, PrintStream out) {
        return run(files, linesPerFile, threads, true, out);
    }

    /**
     * As {@link #run(int, int, int, PrintStream)}; without {@code tools}, grep and ripgrep are not
     * run (they take about a minute on the default corpus) and {@link Result#tools()} is empty.
     */
    public static Result run(int files, int linesPerFile, int threads, boolean tools, PrintStream out) {
        requireNonNull(out, "out is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        List<SecretCorpus.File> corpus = SecretCorpus.generate(files, linesPerFile, SECRET_EVERY, 1);
        List<byte[]> contents = new ArrayList<>(corpus.size());
        long bytes = 0;
        int planted = 0;
        for (SecretCorpus.File file : corpus) {
            byte[] content = file.text().getBytes(StandardCharsets.UTF_8);
            contents.add(content);
            bytes += content.length;
            planted += file.plantedSecrets();
        }
        SecretScanner scanner = SecretScanner.builtin();
        out.printf(Locale.ROOT, "corpus: %d files, %.1f MB, %d planted secrets%n", corpus.size(), bytes / 1e6, planted);
        out.println(jvm());

        long findings = -1;
        for (int pass = 1; pass <= WARM_UP_PASSES; pass++) {
            findings = checkFindings(findings, singlePass("warm-up " + pass, scanner, corpus, contents, bytes, out));
        }
        double[] single = new double[SINGLE_THREAD_PASSES];
        for (int pass = 0; pass < single.length; pass++) {
            long started = System.nanoTime();
            findings = checkFindings(findings, singlePass("1 thread, pass " + (pass + 1), scanner, corpus, contents, bytes,
                    out));
            single[pass] = bytes / 1e6 / ((System.nanoTime() - started) / 1e9);
        }
        double[] all = new double[ALL_THREADS_PASSES];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int pass = 0; pass < all.length; pass++) {
                long started = System.nanoTime();
                long found = parallelPass(pool, scanner, corpus, contents);
                double seconds = (System.nanoTime() - started) / 1e9;
                all[pass] = bytes / 1e6 / seconds;
                out.printf(Locale.ROOT, "%d threads, pass %d: %.1f MB/s (%.2f s, %d findings)%n", threads, pass + 1,
                        all[pass], seconds, found);
                findings = checkFindings(findings, found);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> grepPatterns = new ArrayList<>();
        List<String> rustPatterns = new ArrayList<>();
        int dropped = 0;
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            String pattern = detector.pattern().pattern();
            Optional<String> grep = GrepPatterns.convert(pattern, GrepPatterns.Dialect.POSIX);
            Optional<String> rust = GrepPatterns.convert(pattern, GrepPatterns.Dialect.RUST);
            if (detector.multiline() || grep.isEmpty() || rust.isEmpty()) {
                dropped++;
                continue;
            }
            grepPatterns.add(grep.get());
            rustPatterns.add(rust.get());
        }
        out.printf(Locale.ROOT, "patterns for grep and rg: %d (%d multi-line or inexpressible patterns dropped)%n",
                grepPatterns.size(), dropped);
        List<ToolRun> toolRuns = tools ? tools(corpus, contents, grepPatterns, rustPatterns) : List.of();

        double singleMedian = median(single);
        double allMedian = median(all);
        out.printf(Locale.ROOT, "%nbulwark, 1 thread:   %7.1f MB/s  %6.2f s  %d findings%n", singleMedian,
                bytes / 1e6 / singleMedian, findings);
        out.printf(Locale.ROOT, "bulwark, %d threads:  %7.1f MB/s  %6.2f s%n", threads, allMedian, bytes / 1e6 / allMedian);
        for (ToolRun tool : toolRuns) {
            if (!tool.available()) {
                out.printf(Locale.ROOT, "%-40s not available: %s%n", tool.command(), tool.note());
                continue;
            }
            double megabytesPerSecond = bytes / 1e6 / tool.seconds();
            boolean singleThreaded = tool.command().contains("-j1");
            double ours = singleThreaded ? singleMedian : allMedian;
            out.printf(Locale.ROOT, "%-40s %7.1f MB/s  %6.2f s  %d matching lines; bulwark (%s) is %.2fx its speed%n",
                    tool.command(), megabytesPerSecond, tool.seconds(), tool.matchedLines(),
                    singleThreaded ? "1 thread" : threads + " threads", ours / megabytesPerSecond);
        }
        return new Result(corpus.size(), bytes, findings, singleMedian, threads, allMedian, grepPatterns.size(), dropped,
                toolRuns);
    }

    /**
     * The JVM settings that move the numbers: the compiler (the launcher runs scans with C1 only,
     * the benchmark with C2) and whether the heap is fixed and touched up front. A heap that grows
     * during the run makes the operating system map fresh pages on the measured passes; on the
     * reference machine that halved the single-threaded rate for the first ten passes.
     */
    static String jvm() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean c1Only = arguments.stream().anyMatch(argument -> argument.startsWith("-XX:TieredStopAtLevel=")
                && !argument.endsWith("=4"));
        boolean preTouched = arguments.contains("-XX:+AlwaysPreTouch");
        return String.format(Locale.ROOT, "jvm: Java %s, %d processors, max heap %d MB, %s, heap %s",
                Runtime.version().feature(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), c1Only ? "C1 only" : "C2",
                preTouched ? "pre-touched (-XX:+AlwaysPreTouch)" : "not pre-touched (first passes include page faults)");
    }

    private static long singlePass(String label, SecretScanner scanner, List<SecretCorpus.File> corpus,
                                   List<byte[]> contents, long bytes, PrintStream out) {
        long started = System.nanoTime();
        long findings = 0;
        for (int f = 0; f < corpus.size(); f++) {
            findings += scanner.scan(corpus.get(f).path(), contents.get(f)).size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "%s: %.1f MB/s (%.2f s, %d findings)%n", label, bytes / 1e6 / seconds, seconds, findings);
        return findings;
    }

    private static long parallelPass(ExecutorService pool, SecretScanner scanner, List<SecretCorpus.File> corpus,
                                     List<byte[]> contents) {
        List<Future<Integer>> results = new ArrayList<>(corpus.size());
        for (int f = 0; f < corpus.size(); f++) {
            String path = corpus.get(f).path();
            byte[] content = contents.get(f);
            results.add(pool.submit(() -> scanner.scan(path, content).size()));
        }
        long findings = 0;
        try {
            for (Future<Integer> result : results) {
                findings += result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scan failed", e.getCause());
        }
        return findings;
    }

    private static long checkFindings(long previous, long current) {
        if (previous >= 0 && previous != current) {
            throw new IllegalStateException("passes disagree on the number of findings: " + previous + " vs " + current);
        }
        return current;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Writes the corpus and the pattern files to a temporary folder, runs the tools there, deletes it. */
    private static List<ToolRun> tools(List<SecretCorpus.File> corpus, List<byte[]> contents, List<String> grepPatterns,
                                       List<String> rustPatterns) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("bulwark-secrets-bench");
            Path files = folder.resolve("corpus");
            for (int f = 0; f < corpus.size(); f++) {
                Path file = files.resolve(corpus.get(f).path());
                Files.createDirectories(file.getParent());
                Files.write(file, contents.get(f));
            }
            Path grep = folder.resolve("patterns.grep");
            Path rust = folder.resolve("patterns.rg");
            Files.write(grep, grepPatterns, StandardCharsets.UTF_8);
            Files.write(rust, rustPatterns, StandardCharsets.UTF_8);
            String corpusFolder = files.toString();
            return List.of(
                    tool(List.of("grep", "-E", "-c", "-r", "-f", grep.toString(), corpusFolder), "grep -E -c -r -f"),
                    tool(List.of("rg", "--no-config", "-c", "-f", rust.toString(), corpusFolder), "rg -c -f"),
                    tool(List.of("rg", "--no-config", "-j1", "-c", "-f", rust.toString(), corpusFolder), "rg -j1 -c -f"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus for grep and rg", e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private static ToolRun tool(List<String> command, String shown) {
        Path output = null;
        Path errors = null;
        try {
            output = Files.createTempFile("bulwark-secrets-bench", ".out");
            errors = Files.createTempFile("bulwark-secrets-bench", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            builder.environment().put("LC_ALL", "C");
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ToolRun(shown, false, 0, 0, "timed out after " + TOOL_TIMEOUT_SECONDS + " s");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // grep and rg exit with 1 when nothing matched, 2 on errors.
            if (process.exitValue() > 1) {
                List<String> problems = Files.readAllLines(errors, StandardCharsets.UTF_8);
                return new ToolRun(shown, false, 0, 0, "exit status " + process.exitValue()
                        + (problems.isEmpty() ? "" : ": " + problems.get(0)));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            long matched = 0;
            for (String line : lines) {
                int colon = line.lastIndexOf(':');
                String count = colon < 0 ? "" : line.substring(colon + 1);
                if (!count.matches("[0-9]+")) {
                    return new ToolRun(shown, false, 0, 0, "unexpected output: " + line);
                }
                matched += Long.parseLong(count);
            }
            return new ToolRun(shown, true, seconds, matched, "");
        } catch (IOException e) {
            return new ToolRun(shown, false, 0, 0, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolRun(shown, false, 0, 0, "interrupted");
        } finally {
            if (output != null) {
                delete(output);
            }
            if (errors != null) {
                delete(errors);
            }
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
