package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestPrefilter {
    private static List<Detector> prefiltered() {
        return DetectorCatalog.builtin().detectors().stream()
                .filter(detector -> Prefilter.of(detector.pattern()) != Prefilter.NONE).toList();
    }

    @Test
    void appliesToEveryBuiltInGenericAssignmentAndNothingElse() {
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            assertThat(AssignmentPrefilter.applies(detector.pattern())).as(detector.id()).isEqualTo(detector.assignment());
        }
        assertThat(prefiltered()).extracting(Detector::id).containsExactly("BW-SEC-058", "BW-SEC-059", "BW-SEC-157",
                "BW-SEC-158", "BW-SEC-159", "BW-SEC-160", "BW-SEC-161");
    }

    @Test
    void noPrefilterForATopLevelAlternation() {
        String assignment = AssignmentPrefilter.KEY_PREFIX + "token" + AssignmentPrefilter.KEY_SUFFIX_AND_OPERATOR
                + "[^\\s]{3,})";
        assertThat(Prefilter.of(Pattern.compile(assignment))).isNotEqualTo(Prefilter.NONE);
        assertThat(Prefilter.of(Pattern.compile(assignment + "|ghp_[a-z]+"))).isEqualTo(Prefilter.NONE);
        assertThat(Prefilter.of(Pattern.compile("(?i)(?:^|[\\s:])_auth\\s*=(?P<secret>x+)|y"))).isEqualTo(Prefilter.NONE);
        assertThat(Prefilter.hasTopLevelAlternation("(a|b)[|]\\|c")).isFalse();
        assertThat(Prefilter.hasTopLevelAlternation("\\Q(\\E|a")).isTrue();
    }

    @Test
    void npmrcSettingNeedsItsNameAfterASpaceOrColonThenEquals() {
        Prefilter password = Prefilter.of(Pattern.compile("(?i)(?:^|[\\s:])_password\\s*=\\s*(?P<secret>[a-z]{8,})"));
        for (String code : List.of("System.getenv(\"DB_PASSWORD\")", "x_password = abc", "_password: abc", "_passwor")) {
            assertThat(password.earliestStart(code, 0, code.length())).as(code).isEqualTo(-1);
        }
        assertThat(password.earliestStart("_PASSWORD=abc", 0, 13)).isZero();
        assertThat(password.earliestStart("//r/:_password =abc", 0, 19)).isEqualTo(4);
        assertThat(password.earliestStart("x _paſſword=abc", 0, 15)).isEqualTo(1);
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
            assertThat(AssignmentPrefilter.earliestStart(code, 0, code.length()) >= 0).as(code).isFalse();
        }
    }

    @Test
    void acceptsEveryOperatorForm() {
        for (String line : List.of("token = abc", "token=abc", "token := abc", "token => 'abc'", "token: abc",
                "token:\"abc\"", "\"token\": \"abc\"", "'token' => abc", "token:\tabc", "tokeſ = abc")) {
            assertThat(AssignmentPrefilter.earliestStart(line, 0, line.length()) >= 0).as(line).isTrue();
        }
    }

    @Test
    void startsAtTheKeyBeforeTheFirstPossibleOperator() {
        String line = "if (x == y) { String db_password = \"abc\"; }";
        assertThat(AssignmentPrefilter.earliestStart(line, 0, line.length())).isEqualTo(line.indexOf(" db_password"));
        assertThat(AssignmentPrefilter.earliestStart("password=abc", 0, 12)).isZero();
    }

    @Test
    void onlyLooksInsideTheWindow() {
        String line = "token = abc";
        assertThat(AssignmentPrefilter.earliestStart(line, 0, 7)).isEqualTo(-1);
        assertThat(AssignmentPrefilter.earliestStart(line, 5, line.length())).isEqualTo(-1);
        assertThat(AssignmentPrefilter.earliestStart(line, 4, line.length())).isEqualTo(4);
    }

    /** The prefilter must never reject a window in which a detector's pattern finds a match. */
    @Test
    void neverRejectsAWindowThePatternMatches() {
        Random random = new Random(7);
        String[] noise = {"", " ", "x", "(", "if (", "\"", "ſ", "é", "a.b", "\t", "$", "=", ":"};
        String[] names = {"password", "token", "secret", "api_key", "Access-Key", "pwd", "PASS", "db_PASSWORD", "tokeſ",
            "signing_key", "x", "_password", "_auth", "_AUTH", "DB_PASSWORD", "_paſſword", ":_password", "//r/:_auth"};
        String[] quotes = {"", "", "\"", "'", "`"};
        String[] spaces = {"", "", " ", "\t", "  ", "\n"};
        String[] operators = {"=", "==", "=>", ":", ":=", "", "-", "::"};
        String[] values = {"abc123XYZdef456", "${X}", "=x", "(", "\"", "ab", "K9ſpasswordxyz012", "dXNlcjpwYXNz", ",", "#x", "[", ""};
        int matched = 0;
        int rejected = 0;
        for (Detector detector : prefiltered()) {
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
                    assertThat(AssignmentPrefilter.earliestStart(text, start, end) >= 0).as(detector.id() + ": " + text).isTrue();
                    assertThat(matches(detector, text, start, end, true)).as(detector.id() + ": " + text)
                            .isEqualTo(matches(detector, text, start, end, false));
                } else if (AssignmentPrefilter.earliestStart(text, start, end) < 0) {
                    rejected++;
                }
            }
        }
        assertThat(rejected).as("samples the prefilter rejects").isGreaterThan(1000);
        assertThat(matched).as("samples that match some pattern").isGreaterThan(1000);
    }

    /** Every match in the window as "start-end:secret", found as the scanner finds them, with or without the prefilter. */
    private static List<String> matches(Detector detector, CharSequence text, int start, int end, boolean prefilter) {
        Matcher matcher = detector.pattern().matcher(CharBuffer.wrap(text, start, end));
        List<String> found = new ArrayList<>();
        int from = start;
        while (SecretScanner.find(matcher, prefilter ? Prefilter.of(detector.pattern()) : Prefilter.NONE, text.toString(), start, from, end)) {
            from = start + matcher.end();
            found.add(matcher.start() + "-" + matcher.end() + ":" + matcher.group("secret"));
        }
        return found;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
