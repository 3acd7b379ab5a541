package dev.bulwark.detect.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** JSON lines: each non-blank line is one JSON value, read on its own so that a bad line costs only itself. */
final class JsonLines implements LineHandler {
    private final InputRun run;
    private final JsonTrees trees;
    private final JsonEvents events;

    JsonLines(InputRun run, JsonTrees trees) {
        this.run = run;
        this.trees = trees;
        this.events = new JsonEvents(run, trees);
    }

    @Override
    public void line(byte[] bytes, int offset, int length, long number) {
        if (isBlank(bytes, offset, length)) {
            return;
        }
        JsonNode value;
        try (JsonParser parser = trees.factory().createParser(bytes, offset, length)) {
            parser.nextToken();
            value = trees.read(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                run.warn(number, "text after the JSON value (column " + parser.currentTokenLocation().getColumnNr() + "); line skipped");
                return;
            }
        } catch (JsonProcessingException e) {
            run.warn(number, "malformed JSON: " + JsonTrees.describe(e) + " (column " + column(e) + "); line skipped");
            return;
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
        if (value == null) {
            tooLong(number, (int) trees.maxBytes());
            return;
        }
        events.root(value, number);
    }

    @Override
    public void tooLong(long number, int limit) {
        run.warn(number, "line longer than " + limit + " bytes; skipped");
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }

    static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
