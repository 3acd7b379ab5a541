package dev.bulwark.detect.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits bytes into lines as they arrive, keeping at most {@code maxLineBytes} of an unfinished
 * line: the rest of a longer line is dropped and reported once it ends. Pushed to (by a follower)
 * or pulling from a stream. Confined to one thread.
 */
final class LineSplitter {
    private static final int CHUNK = 64 * 1024;

    private final int maxLineBytes;
    private final LineHandler handler;
    private byte[] line = new byte[1024];
    private int length;
    private boolean overLimit;
    private long number;

    LineSplitter(int maxLineBytes, LineHandler handler) {
        this.maxLineBytes = maxLineBytes;
        this.handler = handler;
    }

    /** Lines completed so far. */
    long lines() {
        return number;
    }

    /** Whether part of a line is waiting for its end. */
    boolean pending() {
        return length > 0 || overLimit;
    }

    /** Reads {@code input} to its end; the last line need not end with a newline. */
    void readAll(InputStream input) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = input.read(chunk)) >= 0) {
            feed(chunk, 0, read);
        }
        finish();
    }

    void feed(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int from = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, from, i - from);
                complete();
                from = i + 1;
            }
        }
        append(bytes, from, end - from);
    }

    /** Ends the input: an unfinished last line is a line. */
    void finish() {
        if (pending()) {
            complete();
        }
    }

    /** Forgets an unfinished line and starts counting again from line 1 (the file was truncated). */
    void reset() {
        length = 0;
        overLimit = false;
        number = 0;
    }

    private void append(byte[] bytes, int from, int count) {
        if (count == 0 || overLimit) {
            return;
        }
        if (length + count > maxLineBytes) {
            overLimit = true;
            length = 0;
            if (line.length > 1024 * 1024) {
                line = new byte[1024];
            }
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(bytes, from, line, length, count);
        length += count;
    }

    private void complete() {
        number++;
        if (overLimit) {
            overLimit = false;
            handler.tooLong(number, maxLineBytes);
            return;
        }
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        length = 0;
        handler.line(line, 0, end, number);
    }
}
