package dev.bulwark.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The state contract the engine relies on: put makes a group the newest of its rule; rules are apart. */
class TestInMemoryCorrelationState {
    private static Window group(String value) {
        return new Window(List.of(value), true, 1);
    }

    @Test
    void putMakesTheGroupTheNewestOfItsRule() {
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        Window alice = group("alice");
        Window bob = group("bob");
        state.put(0, alice);
        state.put(0, bob);
        assertThat(state.oldest(0)).isSameAs(alice);
        state.put(0, alice);
        assertThat(state.oldest(0)).isSameAs(bob);
        assertThat(state.size(0)).isEqualTo(2);
        assertThat(state.get(0, List.of("alice"))).isSameAs(alice);
        state.remove(0, List.of("bob"));
        assertThat(state.oldest(0)).isSameAs(alice);
        assertThat(state.size(0)).isEqualTo(1);
    }

    @Test
    void rulesKeepTheirGroupsApart() {
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        state.put(2, group("alice"));
        assertThat(state.get(0, List.of("alice"))).isNull();
        assertThat(state.get(1, List.of("alice"))).isNull();
        assertThat(state.oldest(0)).isNull();
        assertThat(state.size(5)).isZero();
        assertThat(state.get(2, List.of("alice"))).isNotNull();
        state.remove(7, List.of("alice"));
        assertThat(state.size(2)).isEqualTo(1);
    }
}
