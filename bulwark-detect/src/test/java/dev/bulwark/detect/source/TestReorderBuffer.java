package dev.bulwark.detect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestReorderBuffer {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private final List<String> inOrder = new ArrayList<>();
    private final List<String> late = new ArrayList<>();

    private ReorderBuffer buffer(Duration window, int maxHeld) {
        return new ReorderBuffer(window, maxHeld, event -> inOrder.add(name(event)), event -> late.add(name(event)));
    }

    private static LogEvent at(String name, Integer seconds) {
        Optional<Instant> time = seconds == null ? Optional.empty() : Optional.of(T0.plusSeconds(seconds));
        return new LogEvent(JsonNodeFactory.instance.objectNode().put("name", name), LogSource.CLOUDTRAIL, time, "-", 1);
    }

    private static String name(LogEvent event) {
        return event.body().get("name").asText();
    }

    @Test
    void eventsWithinTheWindowAreReleasedInTimeOrder() {
        ReorderBuffer buffer = buffer(Duration.ofSeconds(60), 1000);
        buffer.accept(at("b", 20));
        buffer.accept(at("a", 10));
        buffer.accept(at("c", 30));
        buffer.accept(at("c2", 30));
        assertThat(inOrder).isEmpty();
        buffer.accept(at("d", 85));
        // Watermark 85 - window 60 = 25: a and b are final.
        assertThat(inOrder).containsExactly("a", "b");
        assertThat(buffer.held()).isEqualTo(3);
        buffer.flush();
        assertThat(inOrder).containsExactly("a", "b", "c", "c2", "d");
        assertThat(late).isEmpty();
    }

    @Test
    void eventsOlderThanTheWatermarkMinusTheWindowAreLate() {
        ReorderBuffer buffer = buffer(Duration.ofSeconds(60), 1000);
        buffer.accept(at("recent", 100));
        buffer.accept(at("tooOld", 30));
        buffer.accept(at("withinWindow", 45));
        assertThat(late).containsExactly("tooOld");
        buffer.flush();
        assertThat(inOrder).containsExactly("withinWindow", "recent");
        buffer.accept(at("afterFlush", 90));
        assertThat(late).containsExactly("tooOld", "afterFlush");
        assertThat(buffer.watermark()).contains(T0.plusSeconds(100));
    }

    @Test
    void eventsWithoutTimePassThrough() {
        ReorderBuffer buffer = buffer(Duration.ofSeconds(60), 1000);
        buffer.accept(at("timed", 10));
        buffer.accept(at("untimed", null));
        assertThat(inOrder).containsExactly("untimed");
    }

    @Test
    void memoryIsBoundedByReleasingTheOldestEarly() {
        ReorderBuffer buffer = buffer(Duration.ofHours(1), 2);
        buffer.accept(at("c", 30));
        buffer.accept(at("a", 10));
        buffer.accept(at("b", 20));
        assertThat(inOrder).containsExactly("a");
        assertThat(buffer.held()).isEqualTo(2);
        // Released up to 10 already: anything older can no longer be put in order.
        buffer.accept(at("early", 5));
        assertThat(late).containsExactly("early");
        buffer.flush();
        assertThat(inOrder).containsExactly("a", "b", "c");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> buffer(Duration.ofSeconds(-1), 10)).hasMessage("window must not be negative: PT-1S");
        assertThatThrownBy(() -> buffer(Duration.ofSeconds(1), 0)).hasMessage("maxHeld must be positive: 0");
    }
}
