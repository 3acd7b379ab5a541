package dev.bulwark.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mangled rule files (characters dropped, inserted, lines repeated) never throw: each load ends
 * in rules and located problems. A fixed seed keeps failures reproducible.
 */
class TestSigmaLoaderRobustness {
    private static final String NOISE = "|*?\\%():-[]{}'\"#&!,\n\t 0aZ\u00df\u0130";

    @Test
    void mangledRuleFilesYieldProblemsNotExceptions() {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults().withPlaceholders(Map.of("Servers", List.of("srv-*"))));
        Random random = new Random(20261202L);
        int rulesLoaded = 0;
        int problemsReported = 0;
        for (String file : List.of("matching.yml", "values.yml", "conditions.yml", "rejected.yml", "filters.yml", "collection.yml")) {
            String original = TestingSigma.resource(file);
            for (int round = 0; round < 150; round++) {
                String mangled = mangle(original, random);
                SigmaLoader.Result result = loader.load(mangled, file);
                for (SigmaProblem problem : result.problems()) {
                    assertThat(problem.location().startLine()).as(problem.toString()).isPositive();
                    assertThat(problem.message()).as(problem.toString()).isNotBlank();
                }
                SigmaEngine.Build build = SigmaEngine.build(result.rules(), result.filters());
                build.engine().evaluate(TestingSigma.event("{\"a\": 1, \"cmd\": \"x -enc y\", \"ip\": \"10.0.0.1\", \"time\": \"2026-01-01T03:00:00Z\"}"));
                rulesLoaded += result.rules().size();
                problemsReported += result.problems().size();
            }
        }
        assertThat(rulesLoaded).as("most mangled files still hold loadable rules").isGreaterThan(1000);
        assertThat(problemsReported).as("and the damage is reported").isGreaterThan(500);
    }

    private static String mangle(String text, Random random) {
        StringBuilder result = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int edit = 0; edit < edits; edit++) {
            int at = random.nextInt(result.length());
            switch (random.nextInt(3)) {
                case 0 -> result.deleteCharAt(at);
                case 1 -> result.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> {
                    int start = result.lastIndexOf("\n", at) + 1;
                    int end = result.indexOf("\n", at);
                    if (end > start) {
                        result.insert(start, result.substring(start, end + 1));
                    }
                }
            }
        }
        return result.toString();
    }
}
