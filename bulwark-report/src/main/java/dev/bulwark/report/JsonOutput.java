package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/** Writes JSON documents the same way on every platform: two-space indent, {@code \n} line ends, UTF-8, a final newline. */
final class JsonOutput {
    private final ObjectMapper mapper;
    private final DefaultPrettyPrinter printer;

    JsonOutput() {
        this.mapper = new ObjectMapper();
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        this.printer = new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /**
     * Writes {@code head}'s fields, then the array {@code field} with one element per item, made
     * and written one at a time (a large report never sits in memory as one tree), then
     * {@code tail}'s fields, as one object.
     */
    <T> void writeStreaming(ObjectNode head, String field, Iterable<T> items,
                            java.util.function.Function<T, JsonNode> element, ObjectNode tail, OutputStream out)
            throws IOException {
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            generator.writeStartObject();
            for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) head::fields) {
                generator.writeFieldName(entry.getKey());
                mapper.writeTree(generator, entry.getValue());
            }
            generator.writeArrayFieldStart(field);
            for (T item : items) {
                mapper.writeTree(generator, element.apply(item));
            }
            generator.writeEndArray();
            for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) tail::fields) {
                generator.writeFieldName(entry.getKey());
                mapper.writeTree(generator, entry.getValue());
            }
            generator.writeEndObject();
            generator.flush();
        }
        out.write('\n');
        out.flush();
    }

    void write(JsonNode document, OutputStream out) throws IOException {
        mapper.writer(printer).writeValue(out, document);
        out.write('\n');
        out.flush();
    }
}
