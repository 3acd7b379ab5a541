package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestAssignmentMatcher {
    private static final String[] NOISE = {"", "", " ", "x", "(", "if (", "\"", "'", "a.b", "\t", "$", "=", ":", "/",
        "//", "http://", "_", ".", "-", "{", "}", ",", ";", "#", "[", "]", ">", "\n", "\f", "\u000b", "\r", "0", "X:",
        "a/", "my.", "x-", "--", "@", "\0", "~"};
    private static final String[] NAMES = {"password", "PASSWORD", "token", "Token", "secret", "SECRET", "api_key",
        "api-key", "apikey", "ApiKey", "api__key", "Access-Key", "access_key", "PRIVATE_KEY", "private-key",
        "signingkey", "encryption_key", "masterKey", "pwd", "PWD", "passwd", "passphrase", "pass", "db_PASSWORD",
        "x_token_y", "token_id", "secretName", "my.secret.value", "_password", "password_", ".token", "-secret-",
        "aws_secret_access_key", "tok", "apikeys", "x", "id", "a:token", "a/secret", "tokentoken", "api_-key"};
    private static final String[] KEY_QUOTES = {"", "", "", "\"", "'", "`", "\"\""};
    private static final String[] SPACES = {"", "", "", " ", "\t", "  ", "\n", " \r\n ", "\f"};
    private static final String[] OPERATORS = {"=", "=", ":", ":", "==", "=>", ":=", "", "-", "::", "= >", ":>", "=:",
        "===", "=>>", ">", "<-", "=:=", ": ="};
    private static final String[] VALUE_QUOTES = {"", "", "\"", "'", "`", "\"'"};
    private static final String[] VALUES = {"${X}", "=x", "(", "\"", "ab", "abc", "abcd", "abcdefgh", "dXNlcjpwYXNz",
        ",", "#x", "[", "", "os.getenv(\"X\")", "System.getenv(\"DB_PASSWORD\");", "{{ .Values.x }}", ">abcdefghijklmnop",
        "a,b", "a;b", "a#b", "a b", "a=b=c=d", "ENC[AES256]", "/run/secrets/db", "null", "tokentoken", "(x)", "[x]",
        "{x}", ")abcdefgh", "]abcdefghijklmn", "a`b", "x\0y"};
    private static final String ALPHABET = "abcXYZ019_-.:=/\"' \t{}()[],;#$%&*+<>?!@\\|~`";

    private static List<Detector> assignments() {
        return DetectorCatalog.builtin().detectors().stream().filter(Detector::assignment).toList();
    }

    @Test
    void appliesToEveryBuiltInGenericAssignmentAndNothingElse() {
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            assertThat(AssignmentMatcher.of(detector.pattern()).isPresent()).as(detector.id())
                    .isEqualTo(detector.assignment());
        }
    }

    @Test
    void doesNotApplyToOtherShapes() {
        String operatorAndSecretStart = AssignmentPrefilter.KEY_SUFFIX_AND_OPERATOR;
        for (String tail : List.of("[^\\s\"\\'`,;#]{3,})", "[^\\s]{3,199})",
                "[^\\s\"\\'`,;#]{3,199})x", "[^\\s\"\\'`,;#]{3,199})|y")) {
            Pattern pattern = Pattern.compile(AssignmentPrefilter.KEY_PREFIX + "token" + operatorAndSecretStart + tail);
            assertThat(AssignmentMatcher.of(pattern)).as(tail).isEmpty();
        }
        assertThat(AssignmentMatcher.of(Pattern.compile(AssignmentPrefilter.KEY_PREFIX + "token" + operatorAndSecretStart
                + "[^\\s\"\\'`,;#]{3,199})"))).isPresent();
    }

    @Test
    void findsTheSpansOfKeyAndSecret() {
        AssignmentMatcher token = matcher("BW-SEC-159");
        String line = "  if (x == y) { db.TOKEN := \"abcdefghijklmnop\" }";
        AssignmentMatcher.Match match = token.find(line, 0, 0, line.length());
        assertThat(line.substring(match.keyStart(), match.keyEnd())).isEqualTo("db.TOKEN");
        assertThat(line.substring(match.secretStart(), match.secretEnd())).isEqualTo("abcdefghijklmnop");
        assertThat(match.start()).isEqualTo(line.indexOf(" db.TOKEN"));
        assertThat(match.end()).isEqualTo(match.secretEnd());

        String url = "http://x_token=abcdefghijklmnop";
        AssignmentMatcher.Match afterSlash = token.find(url, 0, 0, url.length());
        assertThat(url.substring(afterSlash.keyStart(), afterSlash.keyEnd())).isEqualTo("token");
        assertThat(token.find("if (token == null) {", 0, 0, 20)).isNull();
        assertThat(token.find("token = abcdefghijk", 0, 0, 19)).as("one character short").isNull();
    }

    /** On ASCII text the matcher finds exactly what the detector's pattern finds, from any offset in any window. */
    @Test
    void findsWhatThePatternFinds() {
        Random random = new Random(11);
        int matched = 0;
        for (Detector detector : assignments()) {
            AssignmentMatcher matcher = AssignmentMatcher.of(detector.pattern()).orElseThrow();
            for (int sample = 0; sample < 15_000; sample++) {
                String text = line(random, detector.keywords());
                int windowStart = random.nextInt(3) == 0 ? random.nextInt(Math.min(text.length(), 6) + 1) : 0;
                int end = text.length() - (random.nextInt(3) == 0 ? random.nextInt(Math.min(text.length() - windowStart, 6) + 1) : 0);
                int from = random.nextInt(2) == 0 ? windowStart : windowStart + random.nextInt(end - windowStart + 1);
                String expected = regexFind(detector.pattern(), text, windowStart, from, end);
                AssignmentMatcher.Match found = matcher.find(text, windowStart, from, end);
                assertThat(describe(text, found)).as(detector.id() + " in [" + windowStart + "," + end + ") from " + from
                        + ": " + text).isEqualTo(expected);
                if (found != null) {
                    matched++;
                }
            }
        }
        assertThat(matched).as("samples with a match").isGreaterThan(8_000);
    }

    /** The scanner's loop over a window (search again at each match's end) yields the same matches both ways. */
    @Test
    void yieldsTheSameSequenceOfMatchesAsThePattern() {
        Random random = new Random(5);
        for (Detector detector : assignments()) {
            AssignmentMatcher matcher = AssignmentMatcher.of(detector.pattern()).orElseThrow();
            for (int sample = 0; sample < 3_000; sample++) {
                StringBuilder text = new StringBuilder();
                int lines = 1 + random.nextInt(4);
                for (int l = 0; l < lines; l++) {
                    text.append(line(random, detector.keywords()));
                }
                String window = text.toString();
                List<String> expected = new ArrayList<>();
                Matcher regex = detector.pattern().matcher(window);
                while (regex.find()) {
                    expected.add(regex.start() + "-" + regex.end() + " key=" + regex.group("key") + " secret="
                            + regex.group("secret"));
                }
                List<String> found = new ArrayList<>();
                int from = 0;
                AssignmentMatcher.Match match;
                while ((match = matcher.find(window, 0, from, window.length())) != null) {
                    from = match.end();
                    found.add(describe(window, match));
                }
                assertThat(found).as(detector.id() + ": " + window).isEqualTo(expected);
            }
        }
    }

    /** Random characters around the operators: shapes the line generator does not think of. */
    @Test
    void findsWhatThePatternFindsInRandomCharacters() {
        Random random = new Random(3);
        for (Detector detector : assignments()) {
            AssignmentMatcher matcher = AssignmentMatcher.of(detector.pattern()).orElseThrow();
            for (int sample = 0; sample < 10_000; sample++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    if (random.nextInt(12) == 0) {
                        text.append(pick(random, NAMES));
                    }
                }
                String line = text.toString();
                int from = random.nextInt(line.length() + 1);
                assertThat(describe(line, matcher.find(line, 0, from, line.length()))).as(detector.id() + ": " + line)
                        .isEqualTo(regexFind(detector.pattern(), line, 0, from, line.length()));
            }
        }
    }

    /**
     * The scanner's candidates from a window are the same with the matcher as with the pattern alone,
     * also for text with characters outside ASCII, where the scanner runs the pattern
     * ({@code ſ} folds into {@code s}, the Kelvin sign into {@code k}, surrogate pairs are one character).
     */
    @Test
    void scannerCandidatesAreThoseOfThePatternAlsoOutsideAscii() {
        Random random = new Random(17);
        String[] unicode = {"ſ", "\u212A", "é", "\uD83D\uDE00", "\uD83D", "\uDE00", "ß", "İ", "\u00A0", "\u2028"};
        int found = 0;
        for (Detector detector : assignments()) {
            AssignmentMatcher matcher = AssignmentMatcher.of(detector.pattern()).orElseThrow();
            Prefilter prefilter = Prefilter.of(detector.pattern());
            for (int sample = 0; sample < 5_000; sample++) {
                StringBuilder text = new StringBuilder(line(random, detector.keywords()));
                if (random.nextBoolean()) {
                    int inserts = 1 + random.nextInt(3);
                    for (int i = 0; i < inserts; i++) {
                        text.insert(random.nextInt(text.length() + 1), pick(random, unicode));
                    }
                }
                String line = text.toString();
                List<Candidate> fast = new ArrayList<>();
                List<Candidate> plain = new ArrayList<>();
                SecretScanner.matchWindow(detector, prefilter, matcher, line, 0, 0, line.length(), fast);
                SecretScanner.matchWindow(detector, Prefilter.NONE, null, line, 0, 0, line.length(), plain);
                assertThat(fast).as(detector.id() + ": " + line).isEqualTo(plain);
                found += plain.size();
            }
        }
        assertThat(found).as("candidates").isGreaterThan(1000);
    }

    @Test
    void secretStopsAtTheLongestValueThePatternAllows() {
        AssignmentMatcher password = matcher("BW-SEC-157");
        String value = "a".repeat(250);
        String line = "password=" + value;
        AssignmentMatcher.Match match = password.find(line, 0, 0, line.length());
        assertThat(match.secretEnd() - match.secretStart()).isEqualTo(200);
        assertThat(describe(line, match)).isEqualTo(regexFind(DetectorCatalog.builtin().find("BW-SEC-157").orElseThrow()
                .pattern(), line, 0, 0, line.length()));
    }

    private static AssignmentMatcher matcher(String id) {
        return AssignmentMatcher.of(DetectorCatalog.builtin().find(id).orElseThrow().pattern()).orElseThrow();
    }

    /** One to three assignment-like pieces; half the keys contain one of {@code keywords} in random case. */
    private static String line(Random random, List<String> keywords) {
        StringBuilder text = new StringBuilder();
        int assignments = 1 + random.nextInt(3);
        for (int a = 0; a < assignments; a++) {
            if (random.nextInt(3) == 0) {
                text.append(pick(random, new String[] {"", " ", "\"", "(", "_"})).append(key(random, keywords))
                        .append(pick(random, new String[] {"=", " = ", ": ", ":\"", "=>", " := '", "\": \""}))
                        .append(value(random)).append(pick(random, new String[] {"", "\"", " ", ";", ","}));
                continue;
            }
            text.append(pick(random, NOISE)).append(key(random, keywords)).append(pick(random, KEY_QUOTES))
                    .append(pick(random, SPACES)).append(pick(random, OPERATORS)).append(pick(random, SPACES))
                    .append(pick(random, VALUE_QUOTES)).append(value(random)).append(pick(random, VALUE_QUOTES))
                    .append(pick(random, NOISE));
        }
        return text.toString();
    }

    private static String key(Random random, List<String> keywords) {
        if (random.nextBoolean()) {
            return pick(random, NAMES);
        }
        StringBuilder key = new StringBuilder();
        if (random.nextInt(3) == 0) {
            key.append(pick(random, new String[] {"db_", "x", "my.", "APP-", "_", "a_b_"}));
        }
        String keyword = keywords.get(random.nextInt(keywords.size()));
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            key.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
        }
        if (random.nextInt(3) == 0) {
            key.append(pick(random, new String[] {"_value", "s", "_id", ".x", "-", "Name", "2"}));
        }
        return key.toString();
    }

    private static String value(Random random) {
        if (random.nextInt(3) == 0) {
            return pick(random, VALUES);
        }
        int length = random.nextInt(4) == 0 ? 190 + random.nextInt(20) : random.nextInt(24);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            value.append(random.nextInt(10) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        return value.toString();
    }

    /** The match as the pattern's matcher over the window finds it from {@code from}, described like {@link #describe}. */
    private static String regexFind(Pattern pattern, String text, int windowStart, int from, int end) {
        Matcher matcher = pattern.matcher(CharBuffer.wrap(text, windowStart, end));
        if (!matcher.find(from - windowStart)) {
            return "none";
        }
        return (windowStart + matcher.start()) + "-" + (windowStart + matcher.end()) + " key=" + matcher.group("key")
                + " secret=" + matcher.group("secret");
    }

    private static String describe(String text, AssignmentMatcher.Match match) {
        if (match == null) {
            return "none";
        }
        return match.start() + "-" + match.end() + " key=" + text.substring(match.keyStart(), match.keyEnd()) + " secret="
                + text.substring(match.secretStart(), match.secretEnd());
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
