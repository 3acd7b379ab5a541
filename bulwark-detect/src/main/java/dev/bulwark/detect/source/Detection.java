package dev.bulwark.detect.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decides how to read an input from its first bytes (after decompression): JSON read line by line,
 * JSON read as one streamed document, VPC flow log text, or not a log at all.
 *
 * <p>JSON is read line by line when its first non-blank line is a complete JSON value or is not
 * JSON at all (a bad line among good ones), and as a document when the first line is the start of
 * a value that goes on (a pretty-printed file) unless the next line is a complete object of its
 * own (then the first line was cut off), or when the first line is longer than what was peeked
 * (a CloudTrail delivery file is one long line). Line by line, one bad line costs only
 * itself; as a document, a syntax error ends the input.
 */
final class Detection {
    /** How much of an input is looked at. */
    static final int PEEK_BYTES = 256 * 1024;
    private static final int BINARY_PROBE = 8192;
    private static final int JSON_PROBE_LINES = 20;

    enum Mode {
        EMPTY,
        JSON_LINES,
        JSON_DOCUMENT,
        VPC_TEXT,
        BINARY,
        UNRECOGNIZED
    }

    /** The way to read, and for {@link Mode#BINARY} the offset of the first NUL byte. */
    record Result(Mode mode, int offset) {}

    private Detection() {}

    /**
     * @param head the first bytes of the input, at most {@link #PEEK_BYTES}
     * @param complete whether {@code head} is the whole input
     * @param format the hinted format, or null to detect
     */
    static Result detect(byte[] head, int length, boolean complete, LogFormat format, JsonTrees trees) {
        int probe = Math.min(length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (head[i] == 0) {
                return new Result(Mode.BINARY, i);
            }
        }
        int start = skipBom(head, length);
        start = skipBlank(head, start, length);
        if (start >= length) {
            return new Result(Mode.EMPTY, 0);
        }
        if (format == LogFormat.VPC_FLOW) {
            return new Result(Mode.VPC_TEXT, 0);
        }
        byte first = head[start];
        if (first == '{' || first == '[') {
            return new Result(jsonMode(head, start, length, complete, trees), 0);
        }
        if (format != null) {
            return new Result(Mode.JSON_LINES, 0);
        }
        int end = lineEnd(head, start, length);
        var words = VpcFlowLogs.split(new String(head, start, end - start, StandardCharsets.UTF_8));
        if (VpcFlowLogs.isHeader(words) || VpcFlowLogs.isDefaultRecord(words)) {
            return new Result(Mode.VPC_TEXT, 0);
        }
        if (laterLineIsJson(head, end, length)) {
            return new Result(Mode.JSON_LINES, 0);
        }
        return new Result(Mode.UNRECOGNIZED, 0);
    }

    private static Mode jsonMode(byte[] head, int start, int length, boolean complete, JsonTrees trees) {
        int end = lineEnd(head, start, length);
        if (end == length && !complete) {
            return Mode.JSON_DOCUMENT;
        }
        Line first = line(head, start, end, trees);
        if (first != Line.UNFINISHED) {
            return Mode.JSON_LINES;
        }
        // A first line cut off, or the first line of a pretty-printed document? In JSON lines
        // the next line is a value of its own; in a document it is a part of one.
        int next = skipBlank(head, end, length);
        int nextEnd = lineEnd(head, next, length);
        if (next < length && (nextEnd < length || complete) && head[next] == '{' && line(head, next, nextEnd, trees) == Line.VALUE) {
            return Mode.JSON_LINES;
        }
        return Mode.JSON_DOCUMENT;
    }

    private enum Line {
        VALUE,
        UNFINISHED,
        MALFORMED
    }

    private static Line line(byte[] head, int start, int end, JsonTrees trees) {
        try (JsonParser parser = trees.factory().createParser(head, start, end - start)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null ? Line.VALUE : Line.MALFORMED;
        } catch (JsonEOFException e) {
            return Line.UNFINISHED;
        } catch (JsonProcessingException e) {
            return Line.MALFORMED;
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
    }

    private static boolean laterLineIsJson(byte[] head, int from, int length) {
        int start = from;
        for (int line = 0; line < JSON_PROBE_LINES && start < length; line++) {
            start = skipBlank(head, start, length);
            if (start < length && head[start] == '{') {
                return true;
            }
            start = lineEnd(head, start, length) + 1;
        }
        return false;
    }

    private static int skipBom(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return 3;
        }
        return 0;
    }

    private static int skipBlank(byte[] head, int from, int length) {
        int i = from;
        while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int lineEnd(byte[] head, int from, int length) {
        for (int i = from; i < length; i++) {
            if (head[i] == '\n') {
                return i;
            }
        }
        return length;
    }
}
