package dev.bulwark.detect.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.Detector;
import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.correlation.CorrelationRule;
import dev.bulwark.detect.correlation.CorrelationSet;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built-in detections: every file is indexed and loads, every rule that alerts has tests, and every test passes. */
class TestBuiltinRules {
    private static final Path FOLDER = Path.of("src/main/resources/bulwark/detect/rules");

    @Test
    void theIndexListsEveryRuleFile() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            walk.filter(path -> path.toString().endsWith(".yml")).forEach(path -> files.add(FOLDER.relativize(path).toString().replace('\\', '/')));
        }
        files.sort(null);
        List<String> index = Files.readAllLines(FOLDER.resolve("index.txt")).stream().filter(line -> !line.isBlank()).toList();
        assertThat(index).isEqualTo(files);
    }

    @Test
    void everyBuiltinRuleLoadsAndPassesItsSampleEvents() {
        RulePack pack = RulePack.builtin(new SigmaLoader(SigmaOptions.defaults()));
        assertThat(pack.problems()).isEmpty();
        RuleTests.Report report = RuleTests.run(pack);
        assertThat(report.cases()).filteredOn(c -> !c.passed()).isEmpty();
        assertThat(report.cases()).hasSizeGreaterThan(60);
        for (SigmaRule rule : pack.rules()) {
            assertThat(rule.tags()).as(rule.title()).anySatisfy(tag -> assertThat(tag).matches("attack\\.t\\d{4}(\\.\\d{3})?"));
            assertThat(rule.level()).as(rule.title()).isPresent();
        }
        // What alerts carries a playbook; correlations carry their own tags, level and samples.
        CorrelationSet set = Detector.of(pack).correlations();
        assertThat(set.correlations()).hasSize(5);
        for (CorrelationRule correlation : set.correlations()) {
            assertThat(correlation.tags()).as(correlation.title()).anySatisfy(tag -> assertThat(tag).matches("attack\\.t\\d{4}(\\.\\d{3})?"));
            assertThat(correlation.level()).as(correlation.title()).isPresent();
            assertThat(correlation.custom()).as(correlation.title()).containsKeys("response", "tests");
        }
        for (SigmaRule rule : set.rules()) {
            if (set.alertsAlone(rule)) {
                assertThat(rule.custom()).as(rule.title()).containsKeys("response", "tests");
            }
        }
    }
}
