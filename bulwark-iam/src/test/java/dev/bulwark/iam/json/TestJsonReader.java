package dev.bulwark.iam.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.Position;
import org.junit.jupiter.api.Test;

class TestJsonReader {
    private final JsonReader reader = JsonReader.standard();

    @Test
    void keepsPositionsDuplicateKeysAndNumberText() throws JsonSyntaxException {
        JsonObject object = (JsonObject) reader.read("{\n  \"a\": 1.50,\n  \"a\": [true, null, \"x\"]\n}");
        assertThat(object.members()).hasSize(2);
        assertThat(object.member("a").keyPosition()).isEqualTo(new Position(3, 3));
        assertThat(object.get("a")).isInstanceOf(JsonArray.class);
        assertThat(((JsonNumber) object.members().get(0).value()).text()).isEqualTo("1.50");
        assertThat(object.members().get(0).value().position()).isEqualTo(new Position(2, 8));
    }

    @Test
    void refusesDepthTrailingTextAndBudgetWithPositions() {
        assertThatThrownBy(() -> reader.read("[".repeat(65) + "]".repeat(65)))
                .isInstanceOf(JsonSyntaxException.class).hasMessage("JSON nested deeper than 64 levels");
        assertThatThrownBy(() -> reader.read("{} {}")).isInstanceOf(JsonSyntaxException.class)
                .hasMessage("unexpected content after the end of the JSON value");
        assertThatThrownBy(() -> new JsonReader(64, 3).read("[1, 2, 3]")).isInstanceOf(JsonSyntaxException.class)
                .hasMessage("input has more than 3 values");
        assertThatThrownBy(() -> reader.read("")).hasMessage("empty input: expected a JSON value");
        assertThatThrownBy(() -> reader.read("{\"a\": 1,}")).isInstanceOf(JsonSyntaxException.class)
                .hasMessageStartingWith("invalid JSON")
                .satisfies(e -> assertThat(((JsonSyntaxException) e).line()).isEqualTo(1));
        assertThatThrownBy(() -> reader.read("[" + "9".repeat(200) + "]")).hasMessageContaining("reader limit");
    }
}
