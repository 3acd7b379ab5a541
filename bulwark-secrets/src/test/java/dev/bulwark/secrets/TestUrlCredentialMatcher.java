package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestUrlCredentialMatcher {
    private static final String[] NOISE = {"", "", "", " ", "_", "x", "X9", "\"", "'", "(", "=", "+", ".", "-", "a+",
        "9", "<", ">", "://", ":", "/", "@", "\t", "\n", "\r", "\f", "\u000b", "url=", "DATABASE_URL=\"", "[", "é"};
    private static final String[] SCHEMES = {"postgres", "postgresql", "postgres+psycopg2", "postgresql+asyncpg",
        "POSTGRES", "PostgreSQL", "postgre", "postgres+", "postgresqlql", "postgres+a+b", "x+postgres", "mysql",
        "mariadb", "MariaDB", "mysql+pymysql", "mysql+", "mysqlql", "mongodb", "mongodb+srv", "MONGODB+SRV",
        "mongodb+srvx", "mongodb+", "mongo", "redis", "rediss", "REDISS", "redisss", "redi", "amqp", "amqps", "AMQPS",
        "amqpss", "http", "https", "git+ssh", "s3", "x", "a.b-c+d", "1http", "h".repeat(21), "h".repeat(22),
        "hh".repeat(12), "ftp", "", "-redis", ".amqp", "+mysql", "_mongodb", "9postgres", "a-redis", "rediss+x", "po\u017Ftgres",
        "\u212Aafka", "amqp\u017F"};
    private static final String[] SEPARATORS = {"://", "://", "://", "://", ":/", ":", "//", ":///", ":://"};
    private static final String[] USERS = {"", "", "user", "u", "app_user", "a".repeat(64), "a".repeat(65), "us er",
        "u@x", "u/x", "u<x", "u>x", "u\"x", "u'x", "a:b", "%40x", "u\tx", "user.name+tag", "é", "\u017F", "\uD83D\uDE00"};
    private static final String[] HOSTS = {"", "host", "db.example.com", "[::1]", "[::1]:5432", "HOST:5432", "h_st",
        "a b", "x/y", "@z", "<h>", "h@i", "10.0.0.1", "-", "x\"y", "Db-1.internal:6379",
        "db.\u212Aey.io", "\u017Fql.example.com", "h\uD83D\uDE00st"};
    private static final String[] SUFFIXES = {"", "", "/db", "/", "?x=1", " ", "\"", "'", "\n", "@", ":", ">"};
    private static final String ALPHABET = "abcXYZ019_-.:=/\"' \t{}()[],;#$%&*+<>?!@\\|~`\n";

    private static List<Detector> withMatcher() {
        return DetectorCatalog.builtin().detectors().stream()
                .filter(detector -> UrlCredentialMatcher.of(detector.pattern()).isPresent()).toList();
    }

    @Test
    void appliesToTheUrlCredentialDetectors() {
        assertThat(withMatcher()).extracting(Detector::id)
                .containsExactly("BW-SEC-082", "BW-SEC-083", "BW-SEC-084", "BW-SEC-085", "BW-SEC-086", "BW-SEC-089");
    }

    @Test
    void keepsThePatternForOtherShapes() {
        String tail = "://[^:@/\\s\"\\']*:(?P<secret>[^@/\\s\"\\']{3,128})@[^\\s\"\\'/]+";
        assertThat(UrlCredentialMatcher.of(Pattern.compile("(?i)\\bpostgres(?:ql)?(?:\\+[a-z0-9]+)?" + tail)))
                .as("the built-in shape").isPresent();
        for (String scheme : List.of(
                "postgres(?:ql)*",              // repeated part
                "post[g]res",                   // class in the scheme
                "Postgres",                     // upper case in the pattern
                "(?:\\+[a-z0-9]+)?postgres",    // suffix not at the end
                "postgres(?:\\+[a-z0-9]*)?",    // other suffix
                "postgres(?:ql|(?:x))",         // nested group
                "(?:postgres|)",                // empty alternative leaves an empty literal
                "1redis",                       // starts with a digit
                "redis.*",                      // wildcard
                "")) {
            assertThat(UrlCredentialMatcher.of(Pattern.compile("(?i)\\b" + scheme + tail))).as(scheme).isEmpty();
        }
        for (String other : List.of(
                "\\bpostgres" + tail,                                                               // case-sensitive
                "(?i)postgres" + tail,                                                              // no \b
                "(?i)\\bpostgres" + tail + "x",                                                     // text after
                "(?i)\\bpostgres://[^:@/\\s\"\\']{1,64}:(?P<secret>[^@/\\s\"\\']{3,128})@[^\\s\"\\'/]+", // other user count
                "(?i)\\bpostgres://[^:@/\\s\"\\']*:(?P<secret>[^/\\s\"\\']{3,128})@[^\\s\"\\'/]+",  // secret may hold @
                "(?i)\\bpostgres://[^:@/\\s\"\\']*:(?P<secret>[^@/\\s\"\\']{3,})@[^\\s\"\\'/]+",    // open count
                "(?i)\\b[a-z][a-z0-9+.\\-]{1,20}://[^:@/\\s\"\\'<>]{1,64}:(?P<secret>[^@/\\s\"\\'<>]{3,128})@[a-z0-9.\\-]*",
                "(?i)\\b[a-z][a-z0-9+.:\\-]{1,20}://[^:@/\\s\"\\'<>]{1,64}:(?P<secret>[^@/\\s\"\\'<>]{3,128})@[a-z0-9.\\-]+",
                "(?i)jdbc:[a-z0-9]+:[^\\s\"\\']*?[?;&]password=(?P<secret>[^;&\\s\"\\']{3,128})")) {
            assertThat(UrlCredentialMatcher.of(Pattern.compile(other))).as(other).isEmpty();
        }
        assertThat(DetectorCatalog.builtin().detectors()).filteredOn(detector -> detector.id().compareTo("BW-SEC-082") < 0
                || detector.id().compareTo("BW-SEC-089") > 0 || detector.id().equals("BW-SEC-087")
                || detector.id().equals("BW-SEC-088"))
                .allSatisfy(detector -> assertThat(UrlCredentialMatcher.of(detector.pattern())).as(detector.id()).isEmpty());
    }

    @Test
    void findsTheSecretOfConcreteUrls() {
        String special = "S3cr3t!#$%^&*()=+[]{}|;,.?~`";
        assertCase("BW-SEC-082", "url=postgres://app:" + special + "@db.internal:5432/app", special);
        assertCase("BW-SEC-089", "url=postgres://app:" + special + "@db.internal:5432/app", special);
        assertCase("BW-SEC-082", "postgres://db.internal:5432/app", null);                 // no password
        assertCase("BW-SEC-089", "postgres://db.internal:5432/app", null);
        assertCase("BW-SEC-085", "redis://user@cache:6379", null);                         // user without password
        assertCase("BW-SEC-085", "redis://:Hunter2pw@cache:6379", "Hunter2pw");            // password without user
        assertCase("BW-SEC-089", "redis://:Hunter2pw@cache:6379", null);                   // generic needs a user
        assertCase("BW-SEC-082", "postgres://app:p@ss!w0rd@db:5432", null);                // '@' ends the secret early
        assertCase("BW-SEC-089", "postgres://app:p@ss!w0rd@db:5432", null);
        assertCase("BW-SEC-082", "postgresql://app:pa55!word@[::1]:5432/db", "pa55!word"); // IPv6 host
        assertCase("BW-SEC-089", "postgresql://app:pa55!word@[::1]:5432/db", null);
        assertCase("BW-SEC-084", "MONGODB+SRV://admin:Hunter#22@Cluster0.example.net/test", "Hunter#22");
        assertCase("BW-SEC-083", "MariaDB+PyMySQL://root:t0p!secret@db", "t0p!secret");
        assertCase("BW-SEC-082", "x_postgres://app:pa55!word@db", null);                  // no word boundary
        assertCase("BW-SEC-089", "x_postgres://app:pa55!word@db", null);
        assertCase("BW-SEC-082", "a+postgres://app:pa55!word@db", "pa55!word");
        assertCase("BW-SEC-089", "a+postgres://app:pa55!word@db", "pa55!word");
        assertCase("BW-SEC-086", "amqps://guest:s3cr3t!pw@rabbit/vhost", "s3cr3t!pw");
        assertCase("BW-SEC-089", "git+ssh://deploy:gh!token99@github.com:org/repo", "gh!token99");

        UrlCredentialMatcher generic = matcher("BW-SEC-089");
        String line = "a://b:cde@f ab://b:cde@f";
        assertThat(describe(line, generic.find(line, 0, 0, line.length()))).as("a scheme of one letter is too short")
                .isEqualTo("12-24 secret=cde");
        String longScheme = "ab+" + "c".repeat(20) + "://u:secret@host";
        assertThat(describe(longScheme, generic.find(longScheme, 0, 0, longScheme.length())))
                .as("the scheme starts as far left as its count allows")
                .isEqualTo("3-" + longScheme.length() + " secret=secret")
                .isEqualTo(regexFind(DetectorCatalog.builtin().find("BW-SEC-089").orElseThrow().pattern(), longScheme, 0,
                        0, longScheme.length()));
    }

    /** An edited pattern of the named shape is matched as RE2/J matches it, here with a literal holding a {@code +}. */
    @Test
    void findsTheLeftmostStartOfOtherNamedSchemes() {
        Pattern pattern = Pattern.compile("(?i)\\b(?:x|b\\+x\\+y)(?:\\+[a-z0-9]+)?"
                + "://[^:@/\\s\"\\']*:(?P<secret>[^@/\\s\"\\']{3,128})@[^\\s\"\\'/]+");
        UrlCredentialMatcher matcher = UrlCredentialMatcher.of(pattern).orElseThrow();
        for (String line : List.of("b+x+y://u:secret@h", "a+x+y://u:secret@h", "x+y://u:secret@h", "b+x://u:secret@h")) {
            assertThat(describe(line, matcher.find(line, 0, 0, line.length()))).as(line)
                    .isEqualTo(regexFind(pattern, line, 0, 0, line.length()));
        }
        assertThat(describe("b+x+y://u:secret@h", matcher.find("b+x+y://u:secret@h", 0, 0, 18)))
                .isEqualTo("0-18 secret=secret");
    }

    @Test
    void outsideAsciiTheScannerKeepsThePattern() {
        Detector postgres = DetectorCatalog.builtin().find("BW-SEC-082").orElseThrow();
        UrlCredentialMatcher matcher = UrlCredentialMatcher.of(postgres.pattern()).orElseThrow();
        String line = "url=poſtgres://app:Xk9#mQ2v!zL@db:5432/app";
        assertThat(matcher.find(line, 0, 0, line.length())).as("the matcher stops at ſ")
                .isSameAs(UrlCredentialMatcher.NOT_ASCII);
        String after = "postgres://app:Xk9#mQ2v!zL@db ſ";
        assertThat(describe(after, matcher.find(after, 0, 0, after.length()))).as("a match before ſ is certain")
                .isEqualTo("0-29 secret=Xk9#mQ2v!zL");
        List<Candidate> fast = new ArrayList<>();
        List<Candidate> plain = new ArrayList<>();
        SecretScanner.matchWindow(postgres, Prefilter.of(postgres.pattern()), null, matcher, line, 0, 0, line.length(), fast);
        SecretScanner.matchWindow(postgres, Prefilter.NONE, null, null, line, 0, 0, line.length(), plain);
        assertThat(plain).extracting(Candidate::secret).containsExactly("Xk9#mQ2v!zL");
        assertThat(fast).isEqualTo(plain);
    }

    /** On ASCII near-miss URLs the matcher finds exactly what the detector's pattern finds, from any offset in any window. */
    @Test
    void findsWhatThePatternFinds() {
        Random random = new Random(29);
        int matched = 0;
        int stopped = 0;
        for (Detector detector : withMatcher()) {
            UrlCredentialMatcher matcher = UrlCredentialMatcher.of(detector.pattern()).orElseThrow();
            for (int sample = 0; sample < 8_000; sample++) {
                String text = text(random, detector.keywords());
                int windowStart = random.nextInt(3) == 0 ? random.nextInt(Math.min(text.length(), 8) + 1) : 0;
                int end = text.length() - (random.nextInt(3) == 0
                        ? random.nextInt(Math.min(text.length() - windowStart, 8) + 1) : 0);
                int from = random.nextInt(2) == 0 ? windowStart : windowStart + random.nextInt(end - windowStart + 1);
                String expected = regexFind(detector.pattern(), text, windowStart, from, end);
                UrlCredentialMatcher.Match found = matcher.find(text, windowStart, from, end);
                if (found == UrlCredentialMatcher.NOT_ASCII) {
                    assertThat(text.substring(from, end).chars().anyMatch(c -> c >= 128)).as(text).isTrue();
                    stopped++;
                    continue;
                }
                assertThat(describe(text, found))
                        .as(detector.id() + " in [" + windowStart + "," + end + ") from " + from + ": " + text)
                        .isEqualTo(expected);
                if (!expected.equals("none")) {
                    matched++;
                }
            }
        }
        assertThat(matched).as("samples with a match").isGreaterThan(2_000);
        assertThat(stopped).as("samples stopped outside ASCII").isGreaterThan(100);
    }

    /**
     * The scanner's candidates from a window are the same with the matcher as with the pattern alone
     * (the search loop going on at each match's end), also with characters outside ASCII, where the
     * scanner runs the pattern.
     */
    @Test
    void scannerCandidatesAreThoseOfThePattern() {
        Random random = new Random(31);
        String[] unicode = {"ſ", "\u212A", "é", "\uD83D\uDE00", "\u00A0", "\u2028"};
        int found = 0;
        for (Detector detector : withMatcher()) {
            UrlCredentialMatcher matcher = UrlCredentialMatcher.of(detector.pattern()).orElseThrow();
            Prefilter prefilter = Prefilter.of(detector.pattern());
            for (int sample = 0; sample < 2_000; sample++) {
                StringBuilder text = new StringBuilder();
                int lines = 1 + random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    text.append(text(random, detector.keywords()));
                }
                if (random.nextInt(3) == 0) {
                    int inserts = 1 + random.nextInt(3);
                    for (int i = 0; i < inserts; i++) {
                        text.insert(random.nextInt(text.length() + 1), unicode[random.nextInt(unicode.length)]);
                    }
                }
                String window = text.toString();
                List<Candidate> fast = new ArrayList<>();
                List<Candidate> plain = new ArrayList<>();
                SecretScanner.matchWindow(detector, random.nextBoolean() ? prefilter : Prefilter.NONE, null, matcher,
                        window, 0, 0, window.length(), fast);
                SecretScanner.matchWindow(detector, Prefilter.NONE, null, null, window, 0, 0, window.length(), plain);
                assertThat(fast).as(detector.id() + ": " + window).isEqualTo(plain);
                found += plain.size();
            }
        }
        assertThat(found).as("candidates").isGreaterThan(1000);
    }

    /** Random characters around {@code ://}: shapes the URL generator does not think of. */
    @Test
    void findsWhatThePatternFindsInRandomCharacters() {
        Random random = new Random(37);
        for (Detector detector : withMatcher()) {
            UrlCredentialMatcher matcher = UrlCredentialMatcher.of(detector.pattern()).orElseThrow();
            for (int sample = 0; sample < 6_000; sample++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    if (random.nextInt(8) == 0) {
                        text.append(pick(random, random.nextBoolean() ? SCHEMES : SEPARATORS));
                    }
                }
                String line = text.toString();
                int from = random.nextInt(line.length() + 1);
                UrlCredentialMatcher.Match found = matcher.find(line, 0, from, line.length());
                if (found == UrlCredentialMatcher.NOT_ASCII) {
                    assertThat(line.substring(from).chars().anyMatch(c -> c >= 128)).as(line).isTrue();
                    continue;
                }
                assertThat(describe(line, found)).as(detector.id() + ": " + line)
                        .isEqualTo(regexFind(detector.pattern(), line, 0, from, line.length()));
            }
        }
    }

    private static void assertCase(String id, String line, String secret) {
        Detector detector = DetectorCatalog.builtin().find(id).orElseThrow();
        UrlCredentialMatcher.Match match = matcher(id).find(line, 0, 0, line.length());
        assertThat(describe(line, match)).as(id + ": " + line)
                .isEqualTo(regexFind(detector.pattern(), line, 0, 0, line.length()));
        assertThat(match == null ? null : line.substring(match.secretStart(), match.secretEnd())).as(id + ": " + line)
                .isEqualTo(secret);
    }

    /** One to three URL-like pieces with noise around: each part as a real URL has it, or slightly off. */
    private static String text(Random random, List<String> keywords) {
        StringBuilder text = new StringBuilder();
        int urls = 1 + random.nextInt(3);
        for (int u = 0; u < urls; u++) {
            text.append(pick(random, NOISE)).append(scheme(random, keywords))
                    .append(random.nextBoolean() ? "://" : pick(random, SEPARATORS))
                    .append(random.nextBoolean() ? "user" : pick(random, USERS))
                    .append(pick(random, new String[] {":", ":", ":", ":", "", "::", "@"}))
                    .append(secret(random)).append(pick(random, new String[] {"@", "@", "@", "@", "", "@@", ":@"}))
                    .append(random.nextBoolean() ? "db.example.com" : pick(random, HOSTS))
                    .append(pick(random, SUFFIXES));
        }
        return text.toString();
    }

    /** A scheme of the list, or one of the detector's keywords in random case with a random suffix. */
    private static String scheme(Random random, List<String> keywords) {
        String keyword = keywords.get(random.nextInt(keywords.size()));
        if (keyword.contains(":") || random.nextBoolean()) {
            return pick(random, SCHEMES);
        }
        StringBuilder scheme = new StringBuilder();
        String suffixed = keyword + pick(random, new String[] {"", "", "", "ql", "s", "+srv", "+x1", "+", "ss", "+srv+a"});
        for (int i = 0; i < suffixed.length(); i++) {
            char c = suffixed.charAt(i);
            scheme.append(random.nextInt(5) == 0 ? Character.toUpperCase(c) : c);
        }
        return scheme.toString();
    }

    private static String secret(Random random) {
        int[] lengths = {0, 1, 2, 3, 4, 8, 8, 12, 12, 20, 20, 127, 128, 129, 130};
        int length = lengths[random.nextInt(lengths.length)];
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < length; i++) {
            secret.append(random.nextInt(12) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        return secret.toString();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    /** The match as the pattern's matcher over the window finds it from {@code from}, described like {@link #describe}. */
    private static String regexFind(Pattern pattern, String text, int windowStart, int from, int end) {
        Matcher matcher = pattern.matcher(CharBuffer.wrap(text, windowStart, end));
        if (!matcher.find(from - windowStart)) {
            return "none";
        }
        return (windowStart + matcher.start()) + "-" + (windowStart + matcher.end()) + " secret=" + matcher.group("secret");
    }

    private static String describe(String text, UrlCredentialMatcher.Match match) {
        if (match == null) {
            return "none";
        }
        if (match == UrlCredentialMatcher.NOT_ASCII) {
            return "not ASCII";
        }
        return match.start() + "-" + match.end() + " secret=" + text.substring(match.secretStart(), match.secretEnd());
    }

    private static UrlCredentialMatcher matcher(String id) {
        return UrlCredentialMatcher.of(DetectorCatalog.builtin().find(id).orElseThrow().pattern()).orElseThrow();
    }
}
