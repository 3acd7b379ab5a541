package dev.bulwark.detect.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.detect.event.LogEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads audit logs into {@link LogEvent}s: CloudTrail (S3 delivery files, JSON lines, EventBridge
 * events, CloudTrail Lake results, single events), Kubernetes audit logs (JSON lines,
 * {@code EventList}), VPC flow logs (text, default or custom format), and other JSON lines under
 * a {@code --logsource} hint. Inputs may be gzip-compressed (recognised by their first bytes, not
 * their name); a folder is read file by file in path order, recursively, as AWS lays out
 * {@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/} (CloudTrail digest files are skipped).
 * The format of each input is detected from its content unless {@link ReadOptions#logSource()}
 * names one.
 *
 * <p>Reading streams: memory is bounded by {@link ReadOptions#maxLineBytes()} (a line, or one
 * record of a JSON document) whatever the size of the input. Events are delivered in input order,
 * never reordered (see {@link ReorderBuffer}). Bad input never throws: each problem is a
 * {@link ScanWarning} (file, line, message) to the warnings sink and reading goes on with the next
 * line, record or file. Exceptions thrown by the sinks propagate.
 *
 * <p>Immutable and thread-safe; each call reads on the calling thread.
 */
public final class LogReader {
    private static final String DIGEST_FOLDER = "CloudTrail-Digest";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ReadOptions options;
    private final FileWalker walker = new FileWalker(List.of());

    public LogReader(ReadOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    public ReadOptions options() {
        return options;
    }

    /**
     * Reads a file, or every file under a folder in path order.
     *
     * @return the counts of what was read
     */
    public ReadSummary read(Path path, Consumer<LogEvent> events, Consumer<ScanWarning> warnings) {
        ReadCounters counters = new ReadCounters();
        Consumer<ScanWarning> counted = warning -> {
            counters.warning();
            warnings.accept(warning);
        };
        for (FileWalker.Entry entry : walker.walk(path, LogReader::isLogFile, counted)) {
            readFile(entry.path(), entry.displayPath(), events, warnings, counters);
        }
        return counters.summary();
    }

    /** Reads a stream (standard input, say) named {@code origin} in events and warnings; does not close it. */
    public ReadSummary read(InputStream input, String origin, Consumer<LogEvent> events, Consumer<ScanWarning> warnings) {
        ReadCounters counters = new ReadCounters();
        readStream(input, new InputRun(origin, options, events, warnings, counters), counters);
        return counters.summary();
    }

    /**
     * Reads a command-line argument: {@code -} is {@code standardInput} (origin {@code -}), anything
     * else a file or folder path.
     */
    public ReadSummary read(String argument, InputStream standardInput, Consumer<LogEvent> events, Consumer<ScanWarning> warnings) {
        if (argument.equals("-")) {
            return read(standardInput, "-", events, warnings);
        }
        return read(Path.of(argument), events, warnings);
    }

    /**
     * Follows a growing file like {@code tail -f}; see {@link LogFollower}. The returned follower
     * does nothing until {@link LogFollower#run()}.
     */
    public LogFollower follow(Path file, LogFollower.Start start, Consumer<LogEvent> events, Consumer<ScanWarning> warnings) {
        return new LogFollower(file, options, start, LogFollower.DEFAULT_POLL, events, warnings);
    }

    /**
     * Parses everything under {@code path} with default options and returns the number of events,
     * dropping events and warnings: a parse-only throughput probe for benchmarks.
     */
    public static long countEvents(Path path) {
        return new LogReader(ReadOptions.defaults()).read(path, event -> {}, warning -> {}).events();
    }

    private static boolean isLogFile(Path file) {
        for (Path part : file) {
            if (part.toString().equals(DIGEST_FOLDER)) {
                return false;
            }
        }
        return true;
    }

    private void readFile(Path file, String display, Consumer<LogEvent> events, Consumer<ScanWarning> warnings, ReadCounters counters) {
        InputRun run = new InputRun(display, options, events, warnings, counters);
        try (InputStream input = Files.newInputStream(file)) {
            readStream(input, run, counters);
        } catch (IOException | SecurityException e) {
            counters.input();
            run.warn(0, "cannot read (" + describe(e) + "); skipped");
        }
    }

    private void readStream(InputStream raw, InputRun run, ReadCounters counters) {
        counters.input();
        JsonTrees trees = new JsonTrees(options.maxLineBytes());
        LineSplitter splitter = null;
        JsonDocument document = null;
        boolean gzip = false;
        try {
            BufferedInputStream stored = new BufferedInputStream(new CountingInputStream(raw, counters), BUFFER_BYTES);
            gzip = isGzip(stored);
            InputStream content = gzip ? new GZIPInputStream(stored, BUFFER_BYTES) : stored;
            byte[] head = new byte[Detection.PEEK_BYTES + 1];
            int length = 0;
            IOException failure = null;
            try {
                int read;
                while (length < head.length && (read = content.read(head, length, head.length - length)) >= 0) {
                    length += read;
                }
            } catch (IOException e) {
                // Read what came before the failure, then report it where it happened.
                failure = e;
            }
            InputStream rest = failure == null ? content : new FailingInputStream(failure);
            InputStream peekable = new SequenceInputStream(new ByteArrayInputStream(head, 0, length), rest);
            boolean complete = failure == null && length <= Detection.PEEK_BYTES;
            length = Math.min(length, Detection.PEEK_BYTES);
            Detection.Result detected = Detection.detect(head, length, complete, hintedFormat(run), trees);
            switch (detected.mode()) {
                case EMPTY -> {
                    // Nothing to read: nothing wrong, unless reading failed before the first byte.
                    if (failure != null) {
                        run.warn(0, readError(failure, gzip) + "; nothing could be read");
                    }
                }
                case BINARY -> run.warn(0, "binary content (NUL byte at offset " + detected.offset() + "); skipped");
                case UNRECOGNIZED -> run.warn(0,
                        "not a known log format (CloudTrail, Kubernetes audit or other JSON, VPC flow log text); skipped");
                case JSON_DOCUMENT -> {
                    document = new JsonDocument(run, trees);
                    document.read(peekable);
                }
                case JSON_LINES -> {
                    splitter = new LineSplitter(options.maxLineBytes(), new JsonLines(run, trees));
                    splitter.readAll(peekable);
                }
                case VPC_TEXT -> {
                    splitter = new LineSplitter(options.maxLineBytes(), new VpcFlowLogs(run));
                    splitter.readAll(peekable);
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            run.warn(line, "malformed JSON: " + JsonTrees.describe(e) + "; the rest of the input is skipped");
        } catch (IOException e) {
            long line = 0;
            if (splitter != null) {
                line = splitter.lines() + 1;
            } else if (document != null) {
                line = document.line();
            }
            run.warn(line, readError(e, gzip) + "; the rest of the input is skipped");
        }
    }

    private LogFormat hintedFormat(InputRun run) {
        return run.hinted() ? run.format() : null;
    }

    /** The rest of an input whose reading failed: the failure again. */
    private static final class FailingInputStream extends InputStream {
        private final IOException failure;

        FailingInputStream(IOException failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }
    }

    static boolean isGzip(BufferedInputStream input) throws IOException {
        input.mark(2);
        int first = input.read();
        int second = input.read();
        input.reset();
        return first == 0x1f && second == 0x8b;
    }

    static String readError(IOException e, boolean gzip) {
        if (gzip && (e instanceof EOFException || e instanceof ZipException)) {
            return "gzip data is truncated or corrupt (" + describe(e) + ")";
        }
        return "read error (" + describe(e) + ")";
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
