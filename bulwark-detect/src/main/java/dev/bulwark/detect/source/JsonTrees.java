package dev.bulwark.detect.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * Builds Jackson trees from a streaming parser, one record at a time, within a byte budget: a
 * record larger than the budget is skipped (the parser streams over it without keeping it), so a
 * multi-gigabyte {@code Records} array or a hostile single record costs bounded memory.
 *
 * <p>The budget is checked every 256 tokens and after every long string rather than per token
 * (building a location allocates). One string is capped by the parser's constraints at four
 * times the budget: a string over the budget but under that cap costs its record; one over the
 * cap is an error that ends the input (Jackson cannot skip it without reading it).
 */
final class JsonTrees {
    /** CloudTrail and audit events nest a dozen levels; deeper is hostile. */
    static final int MAX_DEPTH = 200;
    private static final int CHECK_EVERY_TOKENS = 256;
    private static final int LONG_STRING = 1024;

    private final JsonFactory factory;
    private final long maxBytes;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private long start;
    private int tokens;

    JsonTrees(int maxBytes) {
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, 4L * maxBytes))
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    JsonFactory factory() {
        return factory;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * The value at the parser's current token, or null when it is over {@code budget} bytes; then
     * the parser is left on the value's last token, as after a complete read.
     */
    JsonNode read(JsonParser parser, long budget) throws IOException {
        start = parser.currentTokenLocation().getByteOffset();
        tokens = 0;
        return value(parser, budget);
    }

    JsonNode read(JsonParser parser) throws IOException {
        return read(parser, maxBytes);
    }

    private JsonNode value(JsonParser parser, long budget) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonEOFException(parser, null, "unexpected end of input: expected a value");
        }
        if (++tokens % CHECK_EVERY_TOKENS == 0 && over(parser, budget)) {
            if (token.isStructStart()) {
                parser.skipChildren();
            }
            return null;
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    JsonNode child = value(parser, budget);
                    if (child == null) {
                        skipRest(parser);
                        return null;
                    }
                    object.set(name, child);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode child = value(parser, budget);
                    if (child == null) {
                        skipRest(parser);
                        return null;
                    }
                    array.add(child);
                }
                return array;
            }
            case VALUE_STRING -> {
                if (parser.getTextLength() > LONG_STRING && over(parser, budget)) {
                    return null;
                }
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonParseError("unexpected " + token);
        }
    }

    private boolean over(JsonParser parser, long budget) {
        return parser.currentLocation().getByteOffset() - start > budget;
    }

    /** Skips to the end of the object or array the parser is inside. */
    private static void skipRest(JsonParser parser) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new JsonEOFException(parser, null, "unexpected end of input inside a skipped record");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
    }

    /** Jackson's message without its source excerpt, on one line and short. */
    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        message = message.replace('\n', ' ').replace('\r', ' ');
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return message;
    }

    /** The JSON kind of a value, for messages: "a string", "an array". */
    static String kind(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return switch (node.getNodeType()) {
            case ARRAY, OBJECT -> "an " + type;
            case NULL -> "null";
            default -> "a " + type;
        };
    }

    /** An unexpected token where a value must be. */
    static final class JsonParseError extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseError(String message) {
            super(message);
        }
    }
}
