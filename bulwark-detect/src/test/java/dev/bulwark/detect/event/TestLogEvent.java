package dev.bulwark.detect.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestLogEvent {
    private static LogEvent event(String json) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json);
        return new LogEvent(body, LogSource.CLOUDTRAIL, Optional.empty(), "trail.json", 3);
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
    void keysHoldingDotsAndArraysOnThePath() throws Exception {
        LogEvent event = event("""
                {"annotations": {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "RBAC"},
                 "requestObject": {"spec": {"containers": [
                   {"name": "a"}, {"name": "b", "securityContext": {"privileged": true}},
                   {"name": "c", "securityContext": {"privileged": false}}]}},
                 "requestParameters": {"ipPermissions": {"items": [
                   {"ipRanges": {"items": [{"cidrIp": "10.0.0.0/8"}, {"cidrIp": "0.0.0.0/0"}]}},
                   {"ipRanges": {"items": [{"cidrIp": "192.168.0.0/16"}]}}]}},
                 "a": {"b.c": {"d": 1}, "b": {"c": {"e": 2}}}}
                """);
        assertThat(event.field("annotations.authorization.k8s.io/decision").asText()).isEqualTo("allow");
        assertThat(event.field("requestObject.spec.containers.securityContext.privileged").toString()).isEqualTo("[true,false]");
        assertThat(event.field("requestObject.spec.containers.name").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(event.field("requestParameters.ipPermissions.items.ipRanges.items.cidrIp").toString())
                .isEqualTo("[\"10.0.0.0/8\",\"0.0.0.0/0\",\"192.168.0.0/16\"]");
        assertThat(event.field("requestObject.spec.containers.missing").isMissingNode()).isTrue();
        // A key with a dot is tried before the split, and a split that leads nowhere gives way to the next.
        assertThat(event.field("a.b.c.d").asInt()).isEqualTo(1);
        assertThat(event.field("a.b.c.e").asInt()).isEqualTo(2);
        assertThat(event.field(FieldPath.of("annotations.authorization.k8s.io/reason")).asText()).isEqualTo("RBAC");
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
