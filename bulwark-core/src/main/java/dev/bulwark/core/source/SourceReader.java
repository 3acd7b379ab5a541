package dev.bulwark.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads inputs as text, refusing what a scanner must not swallow: files over the size limit,
 * binary content (a NUL byte in the first 8 KiB) and invalid UTF-8. Refusals come back as a
 * message, never as an exception. Thread-safe.
 */
public final class SourceReader {
    /** Default limit on one input: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    private static final int BINARY_PROBE = 8192;

    private final long maxBytes;

    public SourceReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Either the file's text or why it was skipped. */
    public record Outcome(Optional<SourceFile> file, Optional<String> skipped) {
        static Outcome read(SourceFile file) {
            return new Outcome(Optional.of(file), Optional.empty());
        }

        static Outcome skip(String reason) {
            return new Outcome(Optional.empty(), Optional.of(reason));
        }
    }

    public Outcome read(Path file, String displayPath) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return Outcome.skip("skipped: " + size + " bytes is over the " + maxBytes
                        + "-byte limit (raise it with --max-file-size)");
            }
            byte[] bytes = Files.readAllBytes(file);
            return decode(bytes, displayPath, Optional.of(file));
        } catch (IOException | SecurityException e) {
            return Outcome.skip("skipped: cannot read (" + describe(e) + ")");
        }
    }

    /** The bytes of a file or why it was not read (over the size limit, unreadable). */
    public record RawOutcome(Optional<byte[]> content, Optional<String> skipped) {}

    /**
     * Reads a file's bytes within the size limit, without judging its content: for engines that
     * read any text (secrets) and decide themselves what binary or invalid UTF-8 means.
     */
    public RawOutcome readRaw(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new RawOutcome(Optional.empty(), Optional.of("skipped: " + size + " bytes is over the " + maxBytes
                        + "-byte limit (raise it with --max-file-size)"));
            }
            return new RawOutcome(Optional.of(Files.readAllBytes(file)), Optional.empty());
        } catch (IOException | SecurityException e) {
            return new RawOutcome(Optional.empty(), Optional.of("skipped: cannot read (" + describe(e) + ")"));
        }
    }

    /** Whether {@code bytes} look binary: a NUL byte in the first 8 KiB. */
    public static boolean isBinary(byte[] bytes) {
        return firstNul(bytes) >= 0;
    }

    private static int firstNul(byte[] bytes) {
        int probe = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads standard input (or any stream) up to the limit. */
    public Outcome read(InputStream input, String displayPath) {
        try {
            byte[] bytes = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return Outcome.skip("skipped: input is over the " + maxBytes + "-byte limit (raise it with --max-file-size)");
            }
            return decode(bytes, displayPath, Optional.empty());
        } catch (IOException e) {
            return Outcome.skip("skipped: cannot read (" + describe(e) + ")");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }

    static Outcome decode(byte[] bytes, String displayPath, Optional<Path> path) {
        int nul = firstNul(bytes);
        if (nul >= 0) {
            return Outcome.skip("skipped: binary file (NUL byte at offset " + nul + ")");
        }
        int offset = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            CharBuffer text = decoder.decode(input);
            return Outcome.read(new SourceFile(displayPath, path, text.toString()));
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes, offset);
            int line = 1;
            for (int i = 0; i < bad && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return Outcome.skip("skipped: invalid UTF-8 at line " + line + " (byte offset " + bad + ")");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(input, output, true);
        return result.isError() ? input.position() : bytes.length;
    }
}
