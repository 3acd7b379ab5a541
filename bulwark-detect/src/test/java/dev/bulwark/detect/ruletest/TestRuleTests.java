package dev.bulwark.detect.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample-event runner behind bulwark rules test: passing, failing and malformed cases. */
class TestRuleTests {
    @TempDir
    Path dir;

    private RulePack pack(String yaml) throws IOException {
        Path file = dir.resolve("rule.yml");
        Files.writeString(file, yaml);
        return RulePack.load(List.of(dir), new SigmaLoader(SigmaOptions.defaults()));
    }

    @Test
    void casesPassFailAndReportWhy() throws IOException {
        RulePack pack = pack("""
                title: Key deleted
                id: 7e3b1c52-3f7a-4c1e-9d55-0c8f6f3c2a11
                level: high
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventSource: kms.amazonaws.com, eventName: ScheduleKeyDeletion}
                  condition: selection
                tests:
                  - name: matches
                    expect: 1
                    events:
                      - {eventSource: kms.amazonaws.com, eventName: ScheduleKeyDeletion, eventTime: "2026-11-30T05:10:00Z"}
                  - name: wrong expectation
                    expect: 0
                    events:
                      - {eventSource: kms.amazonaws.com, eventName: ScheduleKeyDeletion}
                  - name: generated
                    expect: 3
                    events: {repeat: 3, every: 1m, start: "2026-11-30T05:00:00Z", event: {eventSource: kms.amazonaws.com,
                             eventName: ScheduleKeyDeletion}}
                  - name: bad generator
                    expect: 1
                    events: {repeat: 3, every: soon, start: "2026-11-30T05:00:00Z", event: {}}
                  - name: no expectation
                    events: []
                """);
        assertThat(pack.problems()).isEmpty();
        RuleTests.Report report = RuleTests.run(pack);
        assertThat(report.cases()).extracting(RuleTests.Case::name)
                .containsExactly("matches", "wrong expectation", "generated", "bad generator", "no expectation");
        assertThat(report.cases()).extracting(RuleTests.Case::passed).containsExactly(true, false, true, false, false);
        assertThat(report.failures()).isEqualTo(3);
        assertThat(report.cases().get(1).toString()).endsWith("7e3b1c52-3f7a-4c1e-9d55-0c8f6f3c2a11 [wrong expectation]: expected 0 alerts, got 1")
                .startsWith(dir.resolve("rule.yml").toString().replace('\\', '/') + ":1:");
        assertThat(report.cases().get(3).error()).hasValue("'every' must be a duration such as 10s, 5m, 1h or 1d, not 'soon'");
        assertThat(report.cases().get(4).error()).hasValue("'expect' must be the number of alerts, 0 or more");
    }

    @Test
    void missingFoldersAreProblemsNotExceptions() {
        RulePack pack = RulePack.load(List.of(dir.resolve("absent")), new SigmaLoader(SigmaOptions.defaults()));
        assertThat(pack.problems()).singleElement().satisfies(problem -> assertThat(problem.message()).isEqualTo("no such rule file or folder"));
    }
}
