package dev.bulwark.iam.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON into {@link JsonValue} trees with positions, within limits: nesting depth, string
 * and number length, and a total number of values, so a hostile export cannot exhaust the stack
 * or the heap. One reader is immutable and can be shared.
 *
 * <p>Jackson's streaming parser does the lexing (it is exact and fast); the tree is ours because
 * Jackson's own tree drops positions and duplicate keys.
 */
public final class JsonReader {
    /** Policies nest a few levels; exports a few more. Anything deeper is hostile. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final JsonFactory factory;
    private final int maxDepth;
    private final long maxValues;

    public JsonReader(int maxDepth, long maxValues) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth + 1)
                        .maxStringLength(10_000_000)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /** A reader for policy documents and account exports: depth 64, at most 50 million values. */
    public static JsonReader standard() {
        return new JsonReader(DEFAULT_MAX_DEPTH, 50_000_000L);
    }

    public JsonValue read(String text) throws JsonSyntaxException {
        return read(new StringReader(text));
    }

    /** Reads exactly one JSON value; text after it is an error. */
    public JsonValue read(Reader source) throws JsonSyntaxException {
        try (JsonParser parser = factory.createParser(source)) {
            long[] budget = {maxValues};
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("empty input: expected a JSON value", 1, 1);
            }
            JsonValue value = readValue(parser, 0, budget);
            JsonToken after = parser.nextToken();
            if (after != null) {
                JsonLocation location = parser.currentTokenLocation();
                throw new JsonSyntaxException("unexpected content after the end of the JSON value",
                        location.getLineNr(), location.getColumnNr());
            }
            return value;
        } catch (StreamConstraintsException e) {
            JsonLocation location = e.getLocation();
            throw new JsonSyntaxException("input exceeds a reader limit: " + firstLine(e.getOriginalMessage()),
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new JsonSyntaxException("invalid JSON: " + firstLine(e.getOriginalMessage()),
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
        } catch (IOException e) {
            throw new JsonSyntaxException("cannot read: " + e.getMessage(), 0, 0);
        }
    }

    private JsonValue readValue(JsonParser parser, int depth, long[] budget) throws IOException, JsonSyntaxException {
        JsonLocation location = parser.currentTokenLocation();
        JsonValue.Position position = new JsonValue.Position(location.getLineNr(), location.getColumnNr());
        if (--budget[0] < 0) {
            throw new JsonSyntaxException("input has more than " + maxValues + " values", position.line(), position.column());
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                checkDepth(depth, position);
                List<JsonValue.Member> members = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyLocation = parser.currentTokenLocation();
                    String key = parser.currentName();
                    parser.nextToken();
                    JsonValue value = readValue(parser, depth + 1, budget);
                    members.add(new JsonValue.Member(key,
                            new JsonValue.Position(keyLocation.getLineNr(), keyLocation.getColumnNr()), value));
                }
                return new JsonValue.JsonObject(members, position);
            }
            case START_ARRAY -> {
                checkDepth(depth, position);
                List<JsonValue> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(parser, depth + 1, budget));
                }
                return new JsonValue.JsonArray(elements, position);
            }
            case VALUE_STRING -> {
                return new JsonValue.JsonString(parser.getText(), position);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonValue.JsonNumber(parser.getText(), position);
            }
            case VALUE_TRUE -> {
                return new JsonValue.JsonBoolean(true, position);
            }
            case VALUE_FALSE -> {
                return new JsonValue.JsonBoolean(false, position);
            }
            case VALUE_NULL -> {
                return new JsonValue.JsonNull(position);
            }
            default -> throw new JsonSyntaxException("unexpected " + token, position.line(), position.column());
        }
    }

    private void checkDepth(int depth, JsonValue.Position position) throws JsonSyntaxException {
        if (depth >= maxDepth) {
            throw new JsonSyntaxException("JSON nested deeper than " + maxDepth + " levels", position.line(), position.column());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
