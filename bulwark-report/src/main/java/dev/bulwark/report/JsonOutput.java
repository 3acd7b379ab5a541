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

    void write(JsonNode document, OutputStream out) throws IOException {
        mapper.writer(printer).writeValue(out, document);
        out.write('\n');
        out.flush();
    }
}
