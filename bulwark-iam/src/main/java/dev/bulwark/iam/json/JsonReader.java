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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSON into {@link JsonValue} trees with positions, within limits: nesting depth, string
 * and number length, and a total number of values, so a hostile export cannot exhaust the stack
 * or the heap. One reader is immutable and can be shared.
 *
 * <p>Jackson's streaming parser does the lexing (it is exact and fast); the tree is ours because
 * Jackson's own tree drops positions and duplicate keys.
 *
 * <p>{@link #read} is strict: any problem is an exception. {@link #readPartial} keeps what could be
 * read, for inputs such as account exports where one bad element must not cost the rest: a value
 * nested too deeply is skipped and replaced by a {@link JsonValue.JsonUnknown}, and a syntax error
 * (a truncated file) ends reading with every open object and array closed and marked as cut off.
 */
public final class JsonReader {
    /** Policies nest a few levels; exports a few more. Anything deeper is hostile. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /**
     * Jackson's own nesting limit, far above ours: values nested deeper than {@code maxDepth} are
     * skipped by Jackson's iterative skipping, which needs no stack, so reading can go on after them.
     */
    private static final int TOKENIZER_MAX_DEPTH = 10_000;

    private final JsonFactory factory;
    private final int maxDepth;
    private final long maxValues;

    public JsonReader(int maxDepth, long maxValues) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Math.max(TOKENIZER_MAX_DEPTH, maxDepth + 1))
                        .maxStringLength(10_000_000)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /** A reader for policy documents and account exports: depth 64, at most 50 million values. */
    public static JsonReader standard() {
        return new JsonReader(DEFAULT_MAX_DEPTH, 50_000_000L);
    }

    /**
     * What {@link #readPartial} could read.
     *
     * @param value the value as far as the input went; empty when not even its start could be read
     * @param error the problem that ended reading early (invalid or truncated JSON, a limit), if any
     * @param skipped values left out because they were nested too deeply (each is a
     *        {@link JsonValue.JsonUnknown} in {@code value}), in input order
     */
    public record Partial(Optional<JsonValue> value, Optional<JsonSyntaxException> error, List<JsonSyntaxException> skipped,
                          Set<JsonValue> cutOff) {
        public Partial {
            skipped = List.copyOf(skipped);
        }

        /** Whether {@code container} (an object or array of {@link #value}) was still open when reading stopped. */
        public boolean isCutOff(JsonValue container) {
            return cutOff.contains(container);
        }
    }

    public JsonValue read(String text) throws JsonSyntaxException {
        return read(new StringReader(text));
    }

    /** Reads exactly one JSON value; text after it is an error. */
    public JsonValue read(Reader source) throws JsonSyntaxException {
        Run run = new Run(false);
        JsonValue value = run.readDocument(source);
        if (run.error != null) {
            throw run.error;
        }
        return value;
    }

    /** Reads as much of one JSON value as the input holds; never throws for bad input. */
    public Partial readPartial(String text) {
        Run run = new Run(true);
        JsonValue value = run.readDocument(new StringReader(text));
        return new Partial(Optional.ofNullable(value), Optional.ofNullable(run.error), run.skipped,
                Collections.unmodifiableSet(run.cutOff));
    }

    /** The state of one read. */
    private final class Run {
        private final boolean partial;
        private long budget = maxValues;
        private JsonSyntaxException error;
        private final List<JsonSyntaxException> skipped = new ArrayList<>();
        private final Set<JsonValue> cutOff = Collections.newSetFromMap(new IdentityHashMap<>());

        Run(boolean partial) {
            this.partial = partial;
        }

        JsonValue readDocument(Reader source) {
            JsonValue value = null;
            try (JsonParser parser = factory.createParser(source)) {
                try {
                    JsonToken first = parser.nextToken();
                    if (first == null) {
                        error = new JsonSyntaxException("empty input: expected a JSON value", 1, 1);
                        return null;
                    }
                } catch (IOException e) {
                    error = syntaxError(e);
                    return null;
                }
                value = readValue(parser, 0);
                if (error == null) {
                    try {
                        JsonToken after = parser.nextToken();
                        if (after != null) {
                            JsonLocation location = parser.currentTokenLocation();
                            error = new JsonSyntaxException("unexpected content after the end of the JSON value",
                                    location.getLineNr(), location.getColumnNr());
                        }
                    } catch (IOException e) {
                        error = syntaxError(e);
                    }
                }
            } catch (IOException e) {
                if (error == null) {
                    error = syntaxError(e);
                }
            }
            return value;
        }

        /**
         * Reads the value at the current token. When reading stops inside it, {@link #error} is set
         * and the value read so far is returned (null when nothing of it could be read).
         */
        private JsonValue readValue(JsonParser parser, int depth) {
            JsonLocation location = parser.currentTokenLocation();
            JsonValue.Position position = new JsonValue.Position(location.getLineNr(), location.getColumnNr());
            if (--budget < 0) {
                error = new JsonSyntaxException("input has more than " + maxValues + " values", position.line(), position.column());
                return null;
            }
            JsonToken token = parser.currentToken();
            if (token == null) {
                error = new JsonSyntaxException("unexpected end of input: expected a value", position.line(), position.column());
                return null;
            }
            try {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth >= maxDepth) {
                            JsonSyntaxException deep = new JsonSyntaxException("JSON nested deeper than " + maxDepth + " levels",
                                    position.line(), position.column());
                            if (!partial) {
                                error = deep;
                                return null;
                            }
                            skipped.add(deep);
                            parser.skipChildren();
                            return new JsonValue.JsonUnknown("nested deeper than " + maxDepth + " levels", position);
                        }
                        return token == JsonToken.START_OBJECT ? readObject(parser, depth, position) : readArray(parser, depth, position);
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
                    default -> {
                        error = new JsonSyntaxException("unexpected " + token, position.line(), position.column());
                        return null;
                    }
                }
            } catch (IOException e) {
                error = syntaxError(e);
                return null;
            }
        }

        private JsonValue readObject(JsonParser parser, int depth, JsonValue.Position position) {
            List<JsonValue.Member> members = new ArrayList<>();
            try {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyLocation = parser.currentTokenLocation();
                    String key = parser.currentName();
                    parser.nextToken();
                    JsonValue value = readValue(parser, depth + 1);
                    if (value != null) {
                        members.add(new JsonValue.Member(key,
                                new JsonValue.Position(keyLocation.getLineNr(), keyLocation.getColumnNr()), value));
                    }
                    if (error != null) {
                        break;
                    }
                }
                if (error == null && parser.currentToken() != JsonToken.END_OBJECT) {
                    JsonLocation end = parser.currentLocation();
                    error = new JsonSyntaxException(parser.currentToken() == null ? "unexpected end of input inside an object"
                            : "unexpected " + parser.currentToken() + " inside an object", end.getLineNr(), end.getColumnNr());
                }
            } catch (IOException e) {
                error = syntaxError(e);
            }
            JsonValue.JsonObject object = new JsonValue.JsonObject(members, position);
            if (error != null) {
                cutOff.add(object);
            }
            return object;
        }

        private JsonValue readArray(JsonParser parser, int depth, JsonValue.Position position) {
            List<JsonValue> elements = new ArrayList<>();
            try {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == null) {
                        JsonLocation end = parser.currentLocation();
                        error = new JsonSyntaxException("unexpected end of input inside an array", end.getLineNr(), end.getColumnNr());
                        break;
                    }
                    JsonValue value = readValue(parser, depth + 1);
                    if (value != null) {
                        elements.add(value);
                    }
                    if (error != null) {
                        break;
                    }
                }
            } catch (IOException e) {
                error = syntaxError(e);
            }
            JsonValue.JsonArray array = new JsonValue.JsonArray(elements, position);
            if (error != null) {
                cutOff.add(array);
            }
            return array;
        }
    }

    private static JsonSyntaxException syntaxError(IOException e) {
        if (e instanceof StreamConstraintsException constraints) {
            JsonLocation location = constraints.getLocation();
            return new JsonSyntaxException("input exceeds a reader limit: " + firstLine(constraints.getOriginalMessage()),
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
        }
        if (e instanceof JsonProcessingException processing) {
            JsonLocation location = processing.getLocation();
            return new JsonSyntaxException("invalid JSON: " + firstLine(processing.getOriginalMessage()),
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
        }
        return new JsonSyntaxException("cannot read: " + e.getMessage(), 0, 0);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson adds where the unclosed value started, naming an input source that is always redacted here.
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }
}
