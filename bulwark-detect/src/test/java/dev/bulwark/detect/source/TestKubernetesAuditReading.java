package dev.bulwark.detect.source;

import static dev.bulwark.detect.source.TestingLogs.SHOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestKubernetesAuditReading {
    @Test
    void auditLinesOfEveryStageAreEventsTimedByTheirStage() {
        TestingLogs logs = TestingLogs.read("kubernetes/audit.log");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("stage")).containsExactly("RequestReceived", "ResponseStarted", "ResponseComplete", "ResponseComplete");
        assertThat(logs.field("objectRef.subresource").get(0)).isEqualTo("exec");
        assertThat(logs.events).allMatch(event -> event.source().equals(LogSource.KUBERNETES_AUDIT));
        // RequestReceived has no stageTimestamp: the time it was received.
        assertThat(logs.events.get(0).time()).contains(Instant.parse("2026-11-30T14:00:00.100Z"));
        assertThat(logs.events.get(1).time()).contains(Instant.parse("2026-11-30T14:00:00.180Z"));
        assertThat(logs.events.get(2).time()).contains(Instant.parse("2026-11-30T14:00:05.012345Z"));
        assertThat(logs.locations()).containsExactly(SHOWN + "kubernetes/audit.log:1", SHOWN + "kubernetes/audit.log:2",
                SHOWN + "kubernetes/audit.log:3", SHOWN + "kubernetes/audit.log:4");
    }

    @Test
    void anEventListIsItsItems() {
        TestingLogs logs = TestingLogs.read("kubernetes/eventlist.json");
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("objectRef.resource")).containsExactly("clusterrolebindings", "deployments");
        assertThat(logs.field("stage")).containsExactly("ResponseComplete", "Panic");
        assertThat(logs.events).allMatch(event -> event.source().equals(LogSource.KUBERNETES_AUDIT));
        assertThat(logs.events.get(0).line()).isEqualTo(6);
        assertThat(logs.events.get(1).time()).contains(Instant.parse("2026-11-30T15:00:10.5Z"));
    }

    @Test
    void anEventListOnOneLineIsItsItemsToo() {
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\","
                + "\"stage\":\"ResponseComplete\",\"verb\":\"list\",\"requestReceivedTimestamp\":\"2026-11-30T15:00:00Z\"}]}";
        TestingLogs logs = TestingLogs.read(list, ReadOptions.defaults());
        assertThat(logs.warnings).isEmpty();
        assertThat(logs.field("verb")).containsExactly("list");
        assertThat(logs.events.get(0).time()).contains(Instant.parse("2026-11-30T15:00:00Z"));
    }

    @Test
    void anEventWithoutTimestampsIsKeptWithAWarning() {
        String line = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"stage\":\"ResponseComplete\",\"verb\":\"get\"}\n";
        TestingLogs logs = TestingLogs.read(line, ReadOptions.defaults());
        assertThat(logs.events).hasSize(1);
        assertThat(logs.events.get(0).time()).isEmpty();
        assertThat(logs.warningTexts()).containsExactly(
                "-:1: Kubernetes audit event has no stageTimestamp or requestReceivedTimestamp; its time is unknown");
    }
}
