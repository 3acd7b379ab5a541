package dev.bulwark.detect.source;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.detect.event.LogEvent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a growing log file like {@code tail -f}: {@link #run()} reads what the file holds, then
 * polls for appended data (sleeping {@code poll} between looks, never spinning) until
 * {@link #close()} is called from another thread or the thread is interrupted.
 *
 * <p>Only line formats can be followed: JSON lines (CloudTrail, Kubernetes audit, other JSON) and
 * VPC flow log text, decided by the first line or the hint; a gzip file is refused with a warning.
 * A line is read once its newline arrives; an unfinished last line waits, and is read as a line
 * when following stops.
 *
 * <p>Truncation (the file became shorter than what was read, as {@code copytruncate} log rotation
 * does): a warning, the unfinished line is dropped, and reading starts again at the top.
 * Rotation (the path now names another file, as rename-and-create rotation does, detected by the
 * file key where the file system has one): the old file is read to its end, its unfinished line
 * read as a line, then the new file is read from its start; line numbers start again at 1. While
 * the path names no file, the follower waits for one.
 *
 * <p>Events and warnings are delivered on the thread running {@link #run()}; {@link #close()} is
 * thread-safe.
 */
public final class LogFollower implements Closeable {
    /** Where following begins in a file that exists already. */
    public enum Start {
        /** Read the file from its first line, then follow. */
        BEGINNING,
        /** Skip what the file holds when following begins; read only what is appended. */
        END
    }

    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final ReadOptions options;
    private final Start start;
    private final Duration poll;
    private final Consumer<LogEvent> events;
    private final Consumer<ScanWarning> warnings;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** @throws IllegalArgumentException when {@code poll} is not positive */
    public LogFollower(Path file, ReadOptions options, Start start, Duration poll, Consumer<LogEvent> events,
                       Consumer<ScanWarning> warnings) {
        this.file = requireNonNull(file, "file is null");
        this.options = requireNonNull(options, "options is null");
        this.start = requireNonNull(start, "start is null");
        this.poll = requireNonNull(poll, "poll is null");
        this.events = requireNonNull(events, "events is null");
        this.warnings = requireNonNull(warnings, "warnings is null");
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive: " + poll);
        }
    }

    /** Asks {@link #run()} to stop; it returns within about one poll interval. Idempotent. */
    @Override
    public void close() {
        stop.countDown();
    }

    /**
     * Follows the file until {@link #close()} or an interrupt (whose flag is then kept set).
     *
     * @return the counts of what was read
     */
    public ReadSummary run() {
        ReadCounters counters = new ReadCounters();
        counters.input();
        InputRun run = new InputRun(FileWalker.display(file), options, events, warnings, counters);
        LineSplitter splitter = new LineSplitter(options.maxLineBytes(), new FollowedLines(run, new JsonTrees(options.maxLineBytes())));
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        FileChannel channel = null;
        Object key = null;
        long position = 0;
        boolean first = true;
        boolean waitingNoted = false;
        try {
            while (stop.getCount() > 0) {
                if (channel == null) {
                    try {
                        channel = FileChannel.open(file, StandardOpenOption.READ);
                        key = fileKey(file);
                        position = first && start == Start.END ? channel.size() : 0;
                        first = false;
                    } catch (NoSuchFileException e) {
                        // A file created later is read from its start, whatever the start.
                        first = false;
                        if (!waitingNoted) {
                            run.warn(0, "no such file yet; waiting for it");
                            waitingNoted = true;
                        }
                    }
                }
                if (channel != null) {
                    buffer.clear();
                    int read = channel.read(buffer, position);
                    if (read > 0) {
                        if (position == 0 && read >= 2 && (buffer.get(0) & 0xFF) == 0x1f && (buffer.get(1) & 0xFF) == 0x8b) {
                            run.warn(0, "a gzip file cannot be followed; read it without following");
                            break;
                        }
                        position += read;
                        counters.bytes(read);
                        splitter.feed(buffer.array(), 0, read);
                        continue;
                    }
                    long size = channel.size();
                    if (size < position) {
                        run.warn(0, "file shrank from " + position + " to " + size + " bytes (truncated); reading it again from the start");
                        position = 0;
                        splitter.reset();
                        continue;
                    }
                    if (rotated(key)) {
                        splitter.finish();
                        splitter.reset();
                        channel.close();
                        channel = null;
                        continue;
                    }
                }
                if (stop.await(poll.toNanos(), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            run.warn(splitter.lines() + 1, LogReader.readError(e, false) + "; following stopped");
        } finally {
            splitter.finish();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Only read from: nothing is lost.
                }
            }
        }
        return counters.summary();
    }

    /** Whether the path now names another file than the one open (with key {@code key}). */
    private boolean rotated(Object key) {
        if (key == null) {
            return false;
        }
        try {
            return !Objects.equals(key, fileKey(file));
        } catch (NoSuchFileException e) {
            // Moved away and not yet replaced: keep the old file, more may be written to it.
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }
}
