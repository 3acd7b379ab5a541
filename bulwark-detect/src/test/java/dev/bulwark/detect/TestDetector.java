package dev.bulwark.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detector: Sigma matches become alerts, and Bulwark's novelty attribute turns a rule into "first seen". */
class TestDetector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RulePack pack(String yaml) {
        SigmaLoader.Result result = new SigmaLoader(SigmaOptions.defaults()).load(yaml, "rules.yml");
        return new RulePack(result.rules(), result.filters(), result.problems());
    }

    private static LogEvent event(String json, String time) throws Exception {
        return new LogEvent(JSON.readTree(json), LogSource.CLOUDTRAIL, Optional.of(Instant.parse(time)), "trail.json", 1);
    }

    @Test
    void aMalformedNoveltyAttributeIsALocatedProblemAndTheRuleStaysQuiet() throws Exception {
        Detector detector = Detector.of(pack("""
                title: New region
                id: 11111111-2222-4333-8444-555555555555
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {awsRegion|exists: true}
                  condition: selection
                novelty: {group-by: [userIdentity.arn]}
                level: medium
                """));
        assertThat(detector.problems()).extracting(SigmaProblem::toString)
                .containsExactly("rules.yml:1:1: 'novelty' needs a 'field' (and optionally 'group-by' and 'learning')");
        assertThat(detector.accept(event("{\"awsRegion\": \"us-east-1\"}", "2026-11-30T00:00:00Z"))).isEmpty();
    }

    @Test
    void matchesBecomeAlertsWithTheRulesMetadataAndPlaybook() throws Exception {
        Detector detector = Detector.of(pack("""
                title: Trail stopped
                id: 22222222-2222-4333-8444-555555555555
                description: Logging was switched off.
                tags: [attack.defense_evasion, attack.t1562.008]
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventName: StopLogging}
                  condition: selection
                level: high
                response: {summary: Turn it back on., steps: [Start logging.], commands: [aws cloudtrail start-logging --name T]}
                """));
        List<Alert> alerts = detector.accept(event("{\"eventName\": \"StopLogging\"}", "2026-11-30T02:00:00Z"));
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo("22222222-2222-4333-8444-555555555555");
            assertThat(alert.severity()).isEqualTo(dev.bulwark.core.Severity.HIGH);
            assertThat(alert.time()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
            assertThat(alert.playbook()).hasValueSatisfying(playbook -> assertThat(playbook.lines())
                    .containsExactly("Turn it back on.", "1. Start logging.", "$ aws cloudtrail start-logging --name T"));
        });
        assertThat(detector.events()).isEqualTo(1);
    }
}
