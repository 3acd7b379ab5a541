package dev.bulwark.iam.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

/** Reading as much as there is: truncated input, values nested too deeply, trailing text; strict reading unchanged. */
class TestJsonReaderPartial {
    private final JsonReader reader = JsonReader.standard();

    @Test
    void truncatedInputKeepsWhatWasReadAndMarksWhatWasOpen() {
        JsonReader.Partial partial = reader.readPartial("{\"a\": [1, 2, {\"b\": true}, {\"c\": \n  [3");
        assertThat(partial.error()).hasValueSatisfying(error -> {
            assertThat(error.getMessage()).startsWith("invalid JSON: Unexpected end-of-input");
            assertThat(error.line()).isEqualTo(2);
        });
        JsonObject root = (JsonObject) partial.value().orElseThrow();
        JsonArray list = (JsonArray) root.get("a");
        assertThat(list.elements()).hasSize(4);
        assertThat(partial.isCutOff(root)).isTrue();
        assertThat(partial.isCutOff(list)).isTrue();
        assertThat(partial.isCutOff(list.elements().get(2))).isFalse();
        assertThat(partial.isCutOff(list.elements().get(3))).isTrue();
    }

    @Test
    void valuesNestedTooDeeplyAreSkippedAndReadingGoesOn() {
        String deep = "[".repeat(100) + "]".repeat(100);
        JsonReader.Partial partial = reader.readPartial("{\"deep\": " + deep + ", \"after\": 1}");
        assertThat(partial.error()).isEmpty();
        assertThat(partial.skipped()).singleElement().satisfies(skipped -> assertThat(skipped.getMessage())
                .isEqualTo("JSON nested deeper than 64 levels"));
        JsonObject root = (JsonObject) partial.value().orElseThrow();
        assertThat(root.get("after")).isInstanceOf(JsonValue.JsonNumber.class);
        assertThatThrownBy(() -> reader.read("{\"deep\": " + deep + "}")).isInstanceOf(JsonSyntaxException.class)
                .hasMessage("JSON nested deeper than 64 levels");
    }

    @Test
    void trailingTextAndEmptyInput() {
        JsonReader.Partial trailing = reader.readPartial("{\"a\": 1} {\"b\": 2}");
        assertThat(trailing.value()).isPresent();
        assertThat(trailing.cutOff()).isEmpty();
        assertThat(trailing.error()).hasValueSatisfying(error -> assertThat(error.getMessage())
                .isEqualTo("unexpected content after the end of the JSON value"));
        assertThat(reader.readPartial("  ").value()).isEmpty();
        assertThatThrownBy(() -> reader.read("[1, 2")).isInstanceOf(JsonSyntaxException.class)
                .hasMessageStartingWith("invalid JSON: Unexpected end-of-input");
    }
}
