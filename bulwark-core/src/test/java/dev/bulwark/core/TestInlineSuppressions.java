package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.findings.InlineSuppressions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestInlineSuppressions {
    @Test
    void commentAboveAppliesToNextCodeLineAndTrailingCommentToItsLine() {
        InlineSuppressions suppressions = InlineSuppressions.parse(List.of(
                "spec:",                                                       // 1
                "  # bulwark:ignore BW-K8S-001,bw-k8s-002 needed for the agent", // 2
                "  # another comment",                                          // 3
                "  privileged: true",                                           // 4
                "  hostPID: true # bulwark:ignore BW-K8S-003 until=2030-01-01 node agent", // 5
                "  hostIPC: true"));                                             // 6
        assertThat(suppressions.find("BW-K8S-001", 4, 1)).isPresent();
        assertThat(suppressions.find("BW-K8S-002", 4, 1).get().reason()).isEqualTo("needed for the agent");
        assertThat(suppressions.find("BW-K8S-001", 6, 1)).isEmpty();
        InlineSuppressions.Directive trailing = suppressions.find("BW-K8S-003", 5, 1).orElseThrow();
        assertThat(trailing.expires()).contains(LocalDate.of(2030, 1, 1));
        assertThat(trailing.reason()).isEqualTo("node agent");
    }

    @Test
    void appliesThroughTheResourceStartLine() {
        InlineSuppressions suppressions = InlineSuppressions.parse(List.of(
                "# bulwark:ignore BW-K8S-010 legacy",
                "apiVersion: v1",
                "kind: Pod",
                "spec: {}"));
        assertThat(suppressions.find("BW-K8S-010", 4, 2)).isPresent();
        assertThat(suppressions.find("BW-K8S-010", 4, 3)).isEmpty();
    }

    @Test
    void malformedDirectivesAreReported() {
        InlineSuppressions suppressions = InlineSuppressions.parse(List.of(
                "# bulwark:ignore",
                "a: 1",
                "# bulwark:ignore BW-1 until=tomorrow",
                "b: 2"));
        assertThat(suppressions.malformed()).hasSize(2);
        assertThat(suppressions.find("BW-1", 4, 4)).isEmpty();
    }
}
