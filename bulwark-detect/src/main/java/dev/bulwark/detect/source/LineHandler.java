package dev.bulwark.detect.source;

/** Receives the lines of an input from a {@link LineSplitter}. */
interface LineHandler {
    /** One line without its terminator ({@code \n} or {@code \r\n}); the bytes are only valid during the call. */
    void line(byte[] bytes, int offset, int length, long number);

    /** A line longer than the limit, skipped. */
    void tooLong(long number, int limit);
}
