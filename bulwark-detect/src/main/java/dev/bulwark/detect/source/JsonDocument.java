package dev.bulwark.detect.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON document (or a sequence of them) read as a stream: the elements of a container array
 * ({@code Records}, an {@code EventList}'s {@code items}, ...) and of a top-level array are read
 * one at a time, so the document's size does not matter, only each record's. Record lines are the
 * lines where the records start. A syntax error ends the input (events before it are kept): in one
 * document there is no next line to resume at.
 */
final class JsonDocument {
    private final InputRun run;
    private final JsonTrees trees;
    private final JsonEvents events;
    private JsonParser open;

    JsonDocument(InputRun run, JsonTrees trees) {
        this.run = run;
        this.trees = trees;
        this.events = new JsonEvents(run, trees);
    }

    /** Reads to the end; syntax and I/O errors propagate with the parser's position in them. */
    void read(InputStream input) throws IOException {
        try (JsonParser parser = trees.factory().createParser(input)) {
            this.open = parser;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.START_ARRAY) {
                    elements(parser, null);
                } else if (token == JsonToken.START_OBJECT) {
                    object(parser, line);
                } else {
                    JsonNode scalar = trees.read(parser);
                    events.root(scalar, line);
                }
            }
        }
    }

    /** The line reading has reached, for an I/O error's warning; 0 before reading. */
    long line() {
        return open == null ? 0 : open.currentLocation().getLineNr();
    }

    /** A top-level object: container fields are streamed, the other fields make up the event when there is none. */
    private void object(JsonParser parser, long line) throws IOException {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        long used = 0;
        boolean streamed = false;
        boolean eventList = false;
        boolean tooLarge = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && events.isContainerField(name, eventList)) {
                streamed = true;
                elements(parser, name);
                continue;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode node = tooLarge ? null : trees.read(parser, trees.maxBytes() - used);
            if (node == null) {
                if (value.isStructStart() && parser.currentToken() == value) {
                    parser.skipChildren();
                }
                tooLarge = true;
                continue;
            }
            used += parser.currentLocation().getByteOffset() - start;
            envelope.set(name, node);
            if (name.equals("kind") && "EventList".equals(node.textValue())) {
                eventList = true;
            }
        }
        if (streamed) {
            return;
        }
        if (tooLarge) {
            run.warn(line, "record larger than " + trees.maxBytes() + " bytes; skipped");
            return;
        }
        events.root(envelope, line);
    }

    /** The elements of an array the parser is at the start of; {@code container} is its field, null at the top level. */
    private void elements(JsonParser parser, String container) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long line = parser.currentTokenLocation().getLineNr();
            JsonNode element = trees.read(parser);
            if (element == null) {
                run.warn(line, "record larger than " + trees.maxBytes() + " bytes; skipped");
            } else if (container == null) {
                events.record(element, line);
            } else {
                events.element(container, element, line);
            }
        }
    }
}
