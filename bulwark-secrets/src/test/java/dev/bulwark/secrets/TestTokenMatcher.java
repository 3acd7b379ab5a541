package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TestTokenMatcher {
    private static final String NOISE = "aZ09_-.:=/+ \"'`$@~%\n\r\t,;()[]{}<>é";

    private static List<Detector> withMatcher() {
        return DetectorCatalog.builtin().detectors().stream()
                .filter(detector -> !detector.multiline()
                        && TokenMatcher.of(detector.pattern(), detector.keywords()).isPresent())
                .toList();
    }

    @Test
    void appliesToTheVendorTokenDetectors() {
        List<String> ids = withMatcher().stream().map(Detector::id).toList();
        assertThat(ids).contains("BW-SEC-001", "BW-SEC-018", "BW-SEC-037", "BW-SEC-044").hasSizeGreaterThanOrEqualTo(81);
        assertThat(withMatcher()).noneMatch(Detector::assignment);
    }

    @Test
    void keepsThePatternForShapesThatNeedMore() {
        String before = "(?:^|[^0-9A-Za-z_\\-])(?P<secret>";
        String after = ")(?:[^0-9A-Za-z_\\-]|$)";
        assertThat(TokenMatcher.parse(before + "ab_[a-z]{3,5}9" + after)).as("deterministic").isPresent();
        for (String body : List.of(
                "ab_[a-z]{3,5}[a-c]x",         // a varying run followed by characters it also takes
                "ab_[a-z+]{3,}",                // a varying run that can eat what must follow the token
                "ab_[a-z]{3,}?",                // lazy
                "ab_[a-z]+",                    // unbounded shorthand count
                "ab_(?:x|yy)[a-z]{3}",          // alternation of different lengths
                "ab_(?:x|[y])[a-z]{3}",         // alternation of more than literals
                "ab_(?:x|y){2}[a-z]{3}",        // counted alternation
                "ab_[a-z]{2,3}(?:x|y)",         // a varying run followed by characters it also takes
                "ab_[a-z]{3}={0,2}",            // optional part
                "ab_\\w{3}",                    // shorthand class
                "ab_[^a-z]{3}",                 // negated class
                "ab_[a-z\\s]{3}")) {            // a class holding line breaks
            assertThat(TokenMatcher.parse(before + body + after)).as(body).isEmpty();
        }
        assertThat(TokenMatcher.parse("(?i)" + before + "ab_[a-z]{3}" + after)).as("case-insensitive").isEmpty();
        assertThat(TokenMatcher.parse(before + "ab_[a-z]{3}" + after + "x")).as("text after").isEmpty();
        assertThat(TokenMatcher.parse("\\b(?P<secret>ab_[a-z.]{3,5})\\b")).as("\\b after a non-word class").isEmpty();
        Pattern pattern = Pattern.compile(before + "ab_[a-z]{3}" + after);
        assertThat(TokenMatcher.of(pattern, List.of("ab_"))).isPresent();
        assertThat(TokenMatcher.of(pattern, List.of("AB"))).as("keywords are lower case or folded").isPresent();
        assertThat(TokenMatcher.of(pattern, List.of("b_"))).as("keyword not at the token's start").isEmpty();
        assertThat(TokenMatcher.of(pattern, List.of("ab_x"))).as("keyword longer than the literal prefix").isEmpty();
        assertThat(TokenMatcher.of(pattern, List.of())).isEmpty();
        assertThat(TokenMatcher.of(pattern, List.of("zz", "ab"))).as("one keyword starts every token").isPresent();
        Pattern alternation = Pattern.compile("\\b(?P<secret>(?:AKIA|ASIA)[A-Z2-7]{16})\\b");
        assertThat(TokenMatcher.of(alternation, List.of("akia", "asia"))).isPresent();
        assertThat(TokenMatcher.of(alternation, List.of("akia"))).as("ASIA tokens would start at no hit").isEmpty();
        assertThat(TokenMatcher.parse("\\b(?P<secret>x[A-Z]{3}(?:AB|CD))\\b")).as("\\b after an alternation").isEmpty();
    }

    @Test
    void findsTheTokenAtAHit() {
        TokenMatcher stripe = matcher("BW-SEC-044");
        String key = "sk_live_" + "a1B2".repeat(6);
        String line = "STRIPE_KEY=" + key + "\n";
        int hit = line.indexOf("sk_live_");
        assertThat(stripe.secretEnd(line, hit, line.length())).isEqualTo(hit + key.length());
        assertThat(stripe.secretEnd("x" + key, 1, key.length() + 1)).as("word character before").isEqualTo(-1);
        assertThat(stripe.secretEnd(key + "_", 0, key.length() + 1)).as("word character after").isEqualTo(-1);
        assertThat(stripe.secretEnd(key.substring(0, key.length() - 1), 0, key.length() - 1)).as("too short")
                .isEqualTo(-1);
        assertThat(stripe.secretEnd(key, 0, 20)).as("the window cuts it short of its minimum").isEqualTo(-1);
    }

    /**
     * At every keyword hit the matcher finds the secret the pattern finds with its secret there,
     * and every secret the pattern finds starts at a hit: random text made of near-tokens (runs one
     * short or one long, other characters, other case) and separators, in windows of any length.
     */
    @Test
    void findsWhatThePatternFindsAtEveryHit() {
        Random random = new Random(23);
        int matched = 0;
        for (Detector detector : withMatcher()) {
            TokenMatcher matcher = TokenMatcher.of(detector.pattern(), detector.keywords()).orElseThrow();
            for (int sample = 0; sample < 600; sample++) {
                String text = text(random, detector);
                int limit = random.nextInt(4) == 0 ? random.nextInt(text.length() + 1) : text.length();
                List<Integer> hits = hits(text, detector.keywords());
                TreeMap<Integer, Integer> expected = patternSecrets(detector.pattern(), text, limit, hits);
                TreeMap<Integer, Integer> found = new TreeMap<>();
                for (int hit : hits) {
                    int end = hit <= limit ? matcher.secretEnd(text, hit, limit) : -1;
                    if (end >= 0) {
                        found.put(hit, end);
                    }
                }
                assertThat(found).as(detector.id() + " within " + limit + ": " + text).isEqualTo(expected);
                matched += found.size();
            }
        }
        assertThat(matched).as("secrets found").isGreaterThan(10_000);
    }

    /**
     * The secrets the pattern reports in {@code text[0, limit)} when its search starts at a hit or
     * just before (secret start to end), after checking that each secret its plain search loop
     * reports starts at a hit.
     */
    private static TreeMap<Integer, Integer> patternSecrets(Pattern pattern, String text, int limit, List<Integer> hits) {
        Matcher regex = pattern.matcher(CharBuffer.wrap(text, 0, limit));
        while (regex.find()) {
            assertThat(hits).as("hit at the secret of " + pattern + " in " + text).contains(regex.start("secret"));
        }
        TreeMap<Integer, Integer> secrets = new TreeMap<>();
        for (int hit : hits) {
            for (int from = Math.max(0, hit - 1); from <= Math.min(hit, limit); from++) {
                if (regex.find(from) && regex.start("secret") == hit) {
                    secrets.put(hit, regex.end("secret"));
                }
            }
        }
        return secrets;
    }

    private static List<Integer> hits(String text, List<String> keywords) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            for (String keyword : keywords) {
                if (text.regionMatches(true, i, keyword, 0, keyword.length())) {
                    hits.add(i);
                    break;
                }
            }
        }
        return hits;
    }

    private static String text(Random random, Detector detector) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            int separators = random.nextInt(3);
            for (int s = 0; s < separators; s++) {
                text.append(NOISE.charAt(random.nextInt(NOISE.length())));
            }
            text.append(nearToken(random, detector.pattern().pattern()));
        }
        if (random.nextBoolean()) {
            text.append(NOISE.charAt(random.nextInt(NOISE.length())));
        }
        return text.toString();
    }

    /** A string shaped like the pattern's secret: each literal and run as written, or slightly off. */
    private static String nearToken(Random random, String regex) {
        int open = regex.indexOf("(?P<secret>") + "(?P<secret>".length();
        int close = regex.lastIndexOf(")(?:[^");
        String body = regex.substring(open, close < open ? regex.lastIndexOf(")\\b") : close);
        StringBuilder token = new StringBuilder();
        Matcher piece = Pattern.compile("(\\(\\?:[^)]*\\)|\\[[^\\]]*\\]|\\\\.|[^\\[\\\\{])(?:\\{([0-9]+)(,([0-9]*))?\\})?")
                .matcher(body);
        while (piece.find()) {
            String atom = piece.group(1);
            if (atom.startsWith("(?:")) {
                String[] options = atom.substring(3, atom.length() - 1).split("\\|");
                String option = options[random.nextInt(options.length)];
                token.append(random.nextInt(10) == 0 ? option.toLowerCase(Locale.ROOT) : option);
                continue;
            }
            int min = piece.group(2) == null ? 1 : Integer.parseInt(piece.group(2));
            int max = piece.group(3) == null ? min : piece.group(4).isEmpty() ? min + 40 : Integer.parseInt(piece.group(4));
            int count = switch (random.nextInt(16)) {
                case 0 -> Math.max(0, min - 1);
                case 1 -> max + 1;
                case 2, 3 -> max;
                default -> min + random.nextInt(max - min + 1);
            };
            String alphabet = alphabet(atom);
            for (int i = 0; i < count; i++) {
                char c = random.nextInt(400) == 0 ? NOISE.charAt(random.nextInt(NOISE.length()))
                        : alphabet.charAt(random.nextInt(alphabet.length()));
                token.append(atom.length() == 1 && random.nextInt(15) == 0 ? Character.toUpperCase(c) : c);
            }
        }
        return token.toString();
    }

    /** The characters an atom ({@code x}, {@code \.}, {@code [a-z_\-]}) stands for. */
    private static String alphabet(String atom) {
        if (!atom.startsWith("[")) {
            return atom.length() == 2 ? atom.substring(1) : atom;
        }
        StringBuilder chars = new StringBuilder();
        String inside = atom.substring(1, atom.length() - 1);
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\\' && i + 1 < inside.length()) {
                chars.append(inside.charAt(++i));
            } else if (i + 2 < inside.length() && inside.charAt(i + 1) == '-') {
                for (char r = c; r <= inside.charAt(i + 2); r++) {
                    chars.append(r);
                }
                i += 2;
            } else {
                chars.append(c);
            }
        }
        return chars.toString();
    }

    private static TokenMatcher matcher(String id) {
        Detector detector = DetectorCatalog.builtin().find(id).orElseThrow();
        return TokenMatcher.of(detector.pattern(), detector.keywords()).orElseThrow(
                () -> new AssertionError(String.format(Locale.ROOT, "%s has no token matcher", id)));
    }
}
