package dev.bulwark.detect.sigma;

import static dev.bulwark.detect.sigma.TestingSigma.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field mapping from a YAML file, applied when rules compile, per log source. */
class TestFieldMapping {
    private final FieldMapping.Result mapping = FieldMapping.load(TestingSigma.resource("mapping.yml"), "mapping.yml");

    @Test
    void resolvesGlobalAndPerLogSourceNames() {
        assertThat(mapping.problems()).isEmpty();
        FieldMapping fields = mapping.mapping();
        assertThat(fields.resolve("event.action", LogSource.CLOUDTRAIL)).containsExactly("eventName");
        assertThat(fields.resolve("event.action", LogSource.KUBERNETES_AUDIT)).as("the later, covering entry wins").containsExactly("verb");
        assertThat(fields.resolve("user.name", LogSource.CLOUDTRAIL)).containsExactly("userIdentity.userName", "userIdentity.arn");
        assertThat(fields.resolve("source.ip", LogSource.KUBERNETES_AUDIT)).as("unmapped names stay").containsExactly("source.ip");
    }

    @Test
    void rulesWrittenForOneSchemaMatchEventsOfAnother() {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults().withFieldMapping(mapping.mapping()));
        SigmaEngine engine = SigmaEngine.build(TestingSigma.loadClean(loader, "mapped-rules.yml").rules(), List.of()).engine();
        String login = "{\"eventName\": \"ConsoleLogin\", \"sourceIPAddress\": \"192.0.2.7\","
                + " \"userIdentity\": {\"arn\": \"arn:aws:iam::1:user/alice\"}}";
        assertThat(engine.evaluate(event(login, LogSource.CLOUDTRAIL))).extracting(Match::title)
                .containsExactly("Console login from a test network");
        String firstNameWins = "{\"eventName\": \"ConsoleLogin\", \"sourceIPAddress\": \"192.0.2.7\","
                + " \"userIdentity\": {\"userName\": \"bob\", \"arn\": \"arn:aws:iam::1:user/alice\"}}";
        assertThat(engine.evaluate(event(firstNameWins, LogSource.CLOUDTRAIL))).isEmpty();
        assertThat(engine.evaluate(event("{\"verb\": \"delete\", \"user\": {\"username\": \"Alice\"}}", LogSource.KUBERNETES_AUDIT)))
                .extracting(Match::title).containsExactly("Kubernetes delete by alice");
        assertThat(engine.evaluate(event("{\"event.action\": \"delete\", \"user.name\": \"alice\"}", LogSource.KUBERNETES_AUDIT)))
                .as("the rule's own names no longer read anything").isEmpty();
        assertThat(engine.indexedFields()).as("the index reads mapped names").containsExactly("eventName", "user.username");
    }

    @Test
    void badMappingFilesAreReportedWithLocations() {
        FieldMapping.Result bad = FieldMapping.load("""
                fields:
                    a: [b, 3]
                    c: ''
                logsources:
                    - fields: {x: y}
                other: 1
                """, "bad-mapping.yml");
        assertThat(bad.problems()).extracting(SigmaProblem::toString).containsExactly(
                "bad-mapping.yml:2:5: field 'a' must map to an event field name or a non-empty list of names",
                "bad-mapping.yml:3:5: field 'c' maps to an empty name",
                "bad-mapping.yml:5:7: each 'logsources' entry has exactly a 'logsource' map and 'fields'",
                "bad-mapping.yml:6:1: unknown key 'other' in a field mapping (expected 'fields' or 'logsources')");
        assertThat(bad.mapping().resolve("a", LogSource.CLOUDTRAIL)).containsExactly("a");
    }
}
