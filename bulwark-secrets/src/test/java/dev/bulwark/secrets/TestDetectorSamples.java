package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Walks every built-in detector: metadata, and its own true positives and near misses. */
class TestDetectorSamples {
    private static final DetectorCatalog CATALOG = DetectorCatalog.builtin();
    private static final SecretScanner SCANNER = new SecretScanner(CATALOG, 200);

    record Sample(String id, List<String> positives, List<String> negatives) {}

    static Map<String, Sample> samples() throws IOException {
        try (InputStream in = TestDetectorSamples.class.getClassLoader().getResourceAsStream("detector-samples.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            YamlMap root = (YamlMap) YamlReader.defaults().read(text, "samples").documents().get(0).root();
            Map<String, Sample> samples = new LinkedHashMap<>();
            for (Object element : (YamlList) root.get("samples")) {
                YamlMap entry = (YamlMap) element;
                samples.put((String) entry.get("id"), new Sample((String) entry.get("id"), strings(entry.get("positive")),
                        strings(entry.get("negative"))));
            }
            return samples;
        }
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        for (Object element : (YamlList) list) {
            strings.add((String) element);
        }
        return strings;
    }

    @Test
    void catalogHasAtLeastOneHundredDetectorsWithCompleteMetadata() {
        assertThat(CATALOG.detectors()).hasSizeGreaterThanOrEqualTo(100);
        for (Detector detector : CATALOG.detectors()) {
            assertThat(detector.id()).matches("BW-SEC-\\d{3}");
            assertThat(detector.title()).as(detector.id()).isNotBlank();
            assertThat(detector.remediation()).as(detector.id()).hasSizeGreaterThan(40);
            assertThat(detector.compliance()).as(detector.id()).containsKeys("nist-800-53-r5", "pci-dss-4.0", "gdpr");
            if (!detector.id().equals("BW-SEC-154")) {
                assertThat(detector.compliance().get("soc2")).as(detector.id()).contains("CC6.1");
                assertThat(detector.compliance().get("hipaa")).as(detector.id()).contains("164.312(d)");
            }
            assertThat(detector.keywords()).as(detector.id()).isNotEmpty()
                    .allSatisfy(keyword -> assertThat(keyword).isLowerCase().isNotBlank());
            assertThat(detector.pattern().pattern()).as(detector.id()).contains("(?P<secret>");
            assertThat(detector.info().id()).isEqualTo(detector.id());
        }
    }

    @Test
    void everyDetectorHasPositiveAndNegativeSamples() throws IOException {
        Map<String, Sample> samples = samples();
        for (Detector detector : CATALOG.detectors()) {
            assertThat(samples).as("samples of " + detector.id()).containsKey(detector.id());
            assertThat(samples.get(detector.id()).positives()).as(detector.id()).isNotEmpty();
            assertThat(samples.get(detector.id()).negatives()).as(detector.id()).isNotEmpty();
        }
        assertThat(CATALOG.detectors().stream().map(Detector::id)).containsAll(samples.keySet());
    }

    @TestFactory
    Stream<DynamicTest> positivesAreFoundRedactedAndNegativesAreNot() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 1;
        for (Sample sample : samples().values()) {
            long sampleSeed = seed++;
            tests.add(DynamicTest.dynamicTest(sample.id(), () -> {
                TestingSecrets secrets = new TestingSecrets(sampleSeed);
                for (String template : sample.positives()) {
                    String text = secrets.expand(template);
                    List<Finding> findings = SCANNER.scan("samples/" + sample.id() + ".txt", text);
                    assertThat(findings).as(sample.id() + " must find a secret in:\n" + text)
                            .anySatisfy(finding -> {
                                assertThat(finding.ruleId()).isEqualTo(sample.id());
                                assertThat(finding.severity()).isNotEqualTo(Severity.INFO);
                            });
                    for (Finding finding : findings) {
                        TestRedaction.assertNoLeak(finding, secrets.generated());
                    }
                }
                for (String template : sample.negatives()) {
                    String text = secrets.expand(template);
                    assertThat(SCANNER.scan("samples/" + sample.id() + ".txt", text))
                            .as(sample.id() + " must not fire on:\n" + text)
                            .noneSatisfy(finding -> assertThat(finding.ruleId()).isEqualTo(sample.id()));
                }
            }));
        }
        return tests.stream();
    }
}
