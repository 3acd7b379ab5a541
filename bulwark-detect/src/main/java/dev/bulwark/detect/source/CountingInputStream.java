package dev.bulwark.detect.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from an input as stored, into {@link ReadCounters}. */
final class CountingInputStream extends FilterInputStream {
    private final ReadCounters counters;

    CountingInputStream(InputStream input, ReadCounters counters) {
        super(input);
        this.counters = counters;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counters.bytes(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            counters.bytes(count);
        }
        return count;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(count);
        counters.bytes(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
