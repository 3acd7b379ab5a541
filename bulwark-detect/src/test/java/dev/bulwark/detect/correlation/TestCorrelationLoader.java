package dev.bulwark.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Loading correlations: every attribute, every rejection with its reason and line, generate, and the built-in rules. */
class TestCorrelationLoader {
    @Test
    void everyBadCorrelationIsRejectedWithItsReasonAndLine() {
        CorrelationSet set = CorrelationLoader.resolve(TestingCorrelation.loads("rejected.yml"));
        List<String> problems = set.problems().stream()
                .map(problem -> problem.location().startLine() + ":" + problem.location().startColumn() + ": " + problem.message())
                .toList();
        assertThat(problems).containsExactly(
                "17:3: unknown correlation type 'event_sum' (one of event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile)",
                "27:3: a value_count correlation needs the 'field' it measures in its condition",
                "34:7: correlation 'unknown reference' references 'no_such_rule', which is no loaded rule or correlation (by id or name)",
                "42:3: timespan must be a number and a unit (s, m, h or d), like 90m, not '5 minutes'",
                "49:3: timespan unit 'w' is not one of s, m, h, d; write 7d for a week",
                "61:7: alias 'host' names rule 'stranger', which the correlation does not reference",
                "63:1: correlation 'cycle one' is part of a cycle of correlations: cycle_one -> cycle_two -> cycle_one",
                "71:1: correlation 'cycle two' is part of a cycle of correlations: cycle_one -> cycle_two -> cycle_one",
                "82:11: correlation 'on top of a cycle' references correlation 'cycle one', which is not loaded",
                "87:1: an event_count correlation needs a condition",
                "97:3: the condition needs a comparison: gt, gte, lt, lte, eq or neq",
                "104:15: 'gte' needs a number, not 'many'",
                "109:3: a temporal correlation needs at least two rules",
                "117:3: a temporal_ordered correlation takes no condition: every rule must match, in order",
                "124:25: 'percentile' must be a whole number from 0 to 100, not '120'",
                "131:3: unknown correlation attribute 'groupby' (one of aliases, condition, generate, group-by, rules, timespan, type)",
                "135:1: the correlation has no timespan",
                "140:1: the correlation has no title",
                "160:1: a correlation rule has no 'detection': put the detection in a rule of its own and reference it");
        assertThat(set.problems()).allSatisfy(problem -> assertThat(problem.location().file()).isEqualTo("rejected.yml"));
        assertThat(set.correlations()).extracting(CorrelationRule::reference).containsExactly("still-loaded");
    }

    @Test
    void referencesResolveAcrossFilesAfterEverythingIsLoaded() {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        SigmaLoader.Result correlation = loader.load("""
                title: Many failures
                id: many-failures
                correlation:
                  type: event_count
                  rules: [failed]
                  timespan: 1m
                  condition: {gte: 2}
                """, "a.yml");
        SigmaLoader.Result rule = loader.load("""
                title: Failure
                name: failed
                logsource: {product: test}
                detection:
                  selection: {outcome: failure}
                  condition: selection
                """, "b.yml");
        assertThat(CorrelationLoader.resolve(List.of(correlation)).problems()).extracting(Object::toString)
                .containsExactly("a.yml:5:11: correlation 'Many failures' references 'failed', which is no loaded rule or correlation (by id or name)");
        CorrelationSet set = CorrelationLoader.resolve(List.of(correlation, rule));
        assertThat(set.problems()).isEmpty();
        assertThat(set.targets(set.correlations().get(0))).extracting(target -> ((SigmaRule) target).title()).containsExactly("Failure");
    }

    @Test
    void aCorrelationTakingAnotherRulesIdIsRejected() {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        SigmaLoader.Result result = loader.load("""
                title: Failure
                name: failed
                logsource: {product: test}
                detection:
                  selection: {outcome: failure}
                  condition: selection
                ---
                title: Many failures
                name: failed
                correlation:
                  type: event_count
                  rules: [failed]
                  timespan: 1m
                  condition: {gte: 2}
                """, "c.yml");
        assertThat(CorrelationLoader.resolve(List.of(result)).problems()).extracting(Object::toString)
                .containsExactly("c.yml:8:1: 'failed' is already the id or name of rule 'Failure' (c.yml:1:1); this correlation is not loaded");
    }

    @Test
    void everyAttributeIsRead() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml", "temporal.yml", "metrics.yml");
        CorrelationRule outer = set.correlations().stream().filter(c -> c.title().startsWith("Console sign-ins")).findFirst().orElseThrow();
        assertThat(outer.id()).contains("6f1f8f0e-2b8c-4c47-9d6e-1c1f3a0b7a10");
        assertThat(outer.status()).contains("experimental");
        assertThat(outer.date()).contains("2026-12-02");
        assertThat(outer.level()).contains("high");
        assertThat(outer.tags()).containsExactly("attack.credential_access", "attack.t1110");
        assertThat(outer.type()).isEqualTo(CorrelationType.TEMPORAL_ORDERED);
        assertThat(outer.rules()).containsExactly("multiple_failed_logins", "successful_login");
        assertThat(outer.groupBy()).containsExactly("userIdentity.userName");
        assertThat(outer.timespan()).isEqualTo(Duration.ofMinutes(10));
        assertThat(outer.condition()).isEmpty();
        assertThat(outer.generate()).isFalse();
        assertThat(outer.custom()).containsOnlyKeys("response");
        assertThat(outer.location().startLine()).isEqualTo(1);
        CorrelationRule inner = set.correlations().stream().filter(c -> c.reference().equals("0d4b8d53-4a3c-4f0e-8d8e-9a9d0f6c2b21")).findFirst().orElseThrow();
        assertThat(inner.name()).contains("multiple_failed_logins");
        assertThat(inner.condition().orElseThrow().comparisons())
                .containsExactly(new CorrelationCondition.Comparison(CorrelationCondition.Operator.GTE, 3));
        assertThat(set.correlations().indexOf(inner)).as("dependency order").isLessThan(set.correlations().indexOf(outer));
        CorrelationRule aliased = set.correlations().stream().filter(c -> c.reference().equals("error-then-connection")).findFirst().orElseThrow();
        assertThat(aliased.aliases()).containsExactly(
                Map.entry("internal_ip", Map.of("internal_error", "destination.ip", "new_network_connection", "source.ip")),
                Map.entry("remote_ip", Map.of("internal_error", "source.ip", "new_network_connection", "destination.ip")));
        CorrelationRule percentile = set.correlations().stream().filter(c -> c.reference().equals("egress-p90")).findFirst().orElseThrow();
        assertThat(percentile.condition().orElseThrow().field()).contains("bytes");
        assertThat(percentile.condition().orElseThrow().percentile()).isEqualTo(90);
    }

    @Test
    void referencedRulesAlertAloneOnlyWithGenerate() {
        CorrelationSet set = TestingCorrelation.loadClean("logins.yml", "counts.yml");
        Map<String, Boolean> alone = new java.util.TreeMap<>();
        for (SigmaRule rule : set.rules()) {
            alone.put(rule.name().orElseThrow(), set.alertsAlone(rule));
        }
        assertThat(alone).containsExactly(Map.entry("access_denied", true), Map.entry("bucket_read", false),
                Map.entry("failed_login", false), Map.entry("heartbeat", false), Map.entry("successful_login", false));
        Map<String, Boolean> correlations = new java.util.TreeMap<>();
        for (CorrelationRule correlation : set.correlations()) {
            correlations.put(correlation.title(), set.alertsAlone(correlation));
        }
        assertThat(correlations).containsEntry("Several failed console sign-ins", false)
                .containsEntry("Console sign-ins failed, then one succeeded", true)
                .containsEntry("Burst of access denied errors from one address for one user", true);
    }

    @Test
    void theBuiltInRulesLoadWithTheirCorrelations() throws IOException {
        Path root = Path.of("src/main/resources/bulwark/detect/rules");
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        List<SigmaLoader.Result> loads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                loads.add(loader.load(file));
            }
        }
        loads.forEach(load -> assertThat(load.problems()).isEmpty());
        CorrelationSet set = CorrelationLoader.resolve(loads);
        assertThat(set.problems()).isEmpty();
        assertThat(set.correlations()).hasSizeGreaterThanOrEqualTo(5);
        CorrelationRule burst = set.correlations().stream().filter(c -> c.reference().equals("3a105521-da70-5178-aeb0-191f5977a4ab"))
                .findFirst().orElseThrow();
        assertThat(burst.custom()).containsKeys("response", "tests");
        assertThat(burst.groupBy()).containsExactly("sourceIPAddress");
        assertThat(burst.condition().flatMap(CorrelationCondition::field)).isEqualTo(Optional.empty());
    }
}
