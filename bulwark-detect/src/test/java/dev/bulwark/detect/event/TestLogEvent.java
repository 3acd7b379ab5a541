package dev.bulwark.detect.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestLogEvent {
    private static LogEvent event(String json) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json);
        return new LogEvent(body, LogSource.CLOUDTRAIL, Optional.empty(), "trail.json", 3);
    }

    @Test
    void eventsAndLogSourcesSurviveJavaSerialization() throws Exception {
        LogEvent event = new LogEvent(new ObjectMapper().readTree("{\"eventName\": \"ConsoleLogin\"}"),
                LogSource.of("aws", "cloudtrail", "management"), Optional.of(Instant.parse("2026-01-02T03:04:05Z")), "trail.json", 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(event);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(event);
        }
    }

    @Test
    void fieldsResolveAsTopLevelKeysThenAsDottedPaths() throws Exception {
        LogEvent event = event("""
                {"eventName": "ConsoleLogin", "userIdentity": {"type": "Root", "sessionContext": {"mfa": "false"}},
                 "a.b": "dotted key", "a": {"b": "nested"}}
                """);
        assertThat(event.field("eventName").asText()).isEqualTo("ConsoleLogin");
        assertThat(event.field("userIdentity.type").asText()).isEqualTo("Root");
        assertThat(event.field("userIdentity.sessionContext.mfa").asText()).isEqualTo("false");
        assertThat(event.field("a.b").asText()).isEqualTo("dotted key");
        assertThat(event.field("userIdentity.missing").isMissingNode()).isTrue();
        assertThat(event.field("eventName.length").isMissingNode()).isTrue();
        assertThat(event.field("nothing").isMissingNode()).isTrue();
        assertThat(event.location()).isEqualTo("trail.json:3");
    }

    @Test
    void logSourcesCoverEventsByEveryFieldTheRuleNames() {
        assertThat(LogSource.parse("aws").covers(LogSource.CLOUDTRAIL)).isTrue();
        assertThat(LogSource.parse("AWS/CloudTrail").covers(LogSource.CLOUDTRAIL)).isTrue();
        assertThat(LogSource.parse("aws/vpcflowlogs").covers(LogSource.CLOUDTRAIL)).isFalse();
        assertThat(LogSource.parse("kubernetes/audit").covers(LogSource.KUBERNETES_AUDIT)).isTrue();
        assertThat(LogSource.parse("aws/cloudtrail/authentication").covers(LogSource.CLOUDTRAIL)).isFalse();
        assertThat(LogSource.parse("//process_creation").category()).contains("process_creation");
        assertThat(LogSource.CLOUDTRAIL).hasToString("aws/cloudtrail");
        assertThatThrownBy(() -> LogSource.parse("a/b/c/d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogSource.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
