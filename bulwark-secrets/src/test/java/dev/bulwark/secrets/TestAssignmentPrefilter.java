package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestAssignmentPrefilter {
    private static List<Detector> assignmentDetectors() {
        return DetectorCatalog.builtin().detectors().stream().filter(Detector::assignment).toList();
    }

    @Test
    void appliesToEveryBuiltInGenericAssignmentAndNothingElse() {
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            assertThat(AssignmentPrefilter.applies(detector.pattern())).as(detector.id()).isEqualTo(detector.assignment());
        }
        assertThat(assignmentDetectors()).hasSize(5);
    }

    @Test
    void doesNotApplyWhenTheKeyNameCanBeEmpty() {
        String optionalName = AssignmentPrefilter.KEY_PREFIX + "(?:token)?" + AssignmentPrefilter.KEY_SUFFIX_AND_OPERATOR
                + "[^\\s]{3,})";
        assertThat(AssignmentPrefilter.applies(Pattern.compile(optionalName))).isFalse();
    }

    @Test
    void rejectsCodeThatCannotBeAnAssignment() {
        for (String code : List.of("if (token == null || token.isEmpty()) {", "return token;", "token(\"x\")",
                "String token;", "map.put(token, 1)", "x == token", "token: ", "token =\"")) {
            assertThat(AssignmentPrefilter.mayMatch(code, 0, code.length())).as(code).isFalse();
        }
    }

    @Test
    void acceptsEveryOperatorForm() {
        for (String line : List.of("token = abc", "token=abc", "token := abc", "token => 'abc'", "token: abc",
                "token:\"abc\"", "\"token\": \"abc\"", "'token' => abc", "token:\tabc", "tokeſ = abc")) {
            assertThat(AssignmentPrefilter.mayMatch(line, 0, line.length())).as(line).isTrue();
        }
    }

    @Test
    void onlyLooksInsideTheWindow() {
        String line = "token = abc";
        assertThat(AssignmentPrefilter.mayMatch(line, 0, 7)).isFalse();
        assertThat(AssignmentPrefilter.mayMatch(line, 5, line.length())).isFalse();
        assertThat(AssignmentPrefilter.mayMatch(line, 4, line.length())).isTrue();
    }

    /** The prefilter must never reject a window in which a detector's pattern finds a match. */
    @Test
    void neverRejectsAWindowThePatternMatches() {
        Random random = new Random(7);
        String[] noise = {"", " ", "x", "(", "if (", "\"", "ſ", "é", "a.b", "\t", "$", "=", ":"};
        String[] names = {"password", "token", "secret", "api_key", "Access-Key", "pwd", "PASS", "db_PASSWORD", "tokeſ",
            "signing_key", "x"};
        String[] quotes = {"", "", "\"", "'", "`"};
        String[] spaces = {"", "", " ", "\t", "  ", "\n"};
        String[] operators = {"=", "==", "=>", ":", ":=", "", "-", "::"};
        String[] values = {"abc123XYZdef456", "${X}", "=x", "(", "\"", "ab", "K9ſpasswordxyz012", ",", "#x", "[", ""};
        int matched = 0;
        int rejected = 0;
        for (Detector detector : assignmentDetectors()) {
            for (int sample = 0; sample < 20_000; sample++) {
                StringBuilder text = new StringBuilder();
                int assignments = 1 + random.nextInt(2);
                for (int a = 0; a < assignments; a++) {
                    text.append(pick(random, noise)).append(pick(random, names)).append(pick(random, quotes))
                            .append(pick(random, spaces)).append(pick(random, operators)).append(pick(random, spaces))
                            .append(pick(random, quotes)).append(pick(random, values)).append(pick(random, noise));
                }
                int start = random.nextInt(3) == 0 ? Math.min(text.length(), random.nextInt(4)) : 0;
                int end = text.length() - (random.nextInt(3) == 0 ? Math.min(text.length() - start, random.nextInt(4)) : 0);
                boolean matches = detector.pattern().matcher(text.subSequence(start, end)).find();
                if (matches) {
                    matched++;
                    assertThat(AssignmentPrefilter.mayMatch(text, start, end)).as(detector.id() + ": " + text).isTrue();
                } else if (!AssignmentPrefilter.mayMatch(text, start, end)) {
                    rejected++;
                }
            }
        }
        assertThat(rejected).as("samples the prefilter rejects").isGreaterThan(1000);
        assertThat(matched).as("samples that match some pattern").isGreaterThan(1000);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
