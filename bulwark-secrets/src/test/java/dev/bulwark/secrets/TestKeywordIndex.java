package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestKeywordIndex {
    private static List<String> hits(List<String> keywords, String text) {
        List<String> hits = new ArrayList<>();
        new KeywordIndex(keywords).scan(text, (keyword, start) -> hits.add(keywords.get(keyword) + "@" + start));
        return hits;
    }

    @Test
    void findsOverlappingKeywordsCaseInsensitively() {
        assertThat(hits(List.of("he", "she", "his", "hers"), "uSHErs")).containsExactly("she@1", "he@2", "hers@2");
        assertThat(hits(List.of("ghp_", "akia"), "x=AKIA1 ghp_ GHP_")).containsExactly("akia@2", "ghp_@8", "ghp_@13");
    }

    @Test
    void nonAsciiTextResetsTheAutomaton() {
        assertThat(hits(List.of("token"), "tok€en token€")).containsExactly("token@7");
    }

    /** Every hit, as the scanner's byte path (bytes while ASCII, then characters) and the text alone find it, and as a naive search finds it. */
    @Test
    void readingTheBytesFindsWhatReadingTheTextFinds() {
        List<String> keywords = List.of("token", "ghp_", "password", "pass", "api_key", "://", "-----begin rsa");
        KeywordIndex index = new KeywordIndex(keywords);
        String[] pieces = {"token", "TOKEN", "ghp_", "Pass", "passWORD", "api_key", "http://", "-----BEGIN RSA", "x", " ",
            "\n", "é", "ſ", "€", "\uD83D\uDE00", "toké", "to", "ken", "_"};
        Random random = new Random(9);
        int total = 0;
        for (int sample = 0; sample < 3_000; sample++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(30);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String decoded = text.toString();
            byte[] utf8 = decoded.getBytes(StandardCharsets.UTF_8);
            List<String> fromBytes = new ArrayList<>();
            index.scan(decoded, utf8, (keyword, start) -> fromBytes.add(keywords.get(keyword) + "@" + start));
            List<String> fromText = new ArrayList<>();
            index.scan(decoded, (keyword, start) -> fromText.add(keywords.get(keyword) + "@" + start));
            assertThat(fromBytes).as(decoded).isEqualTo(fromText);
            assertThat(fromText).as(decoded).containsExactlyInAnyOrderElementsOf(naive(keywords, decoded));
            total += fromText.size();
        }
        assertThat(total).isGreaterThan(10_000);
    }

    /** Occurrences with ASCII letters compared in any case (and nothing else folded). */
    private static List<String> naive(List<String> keywords, String text) {
        List<String> hits = new ArrayList<>();
        for (String keyword : keywords) {
            for (int start = 0; start + keyword.length() <= text.length(); start++) {
                boolean same = true;
                for (int i = 0; i < keyword.length() && same; i++) {
                    char c = text.charAt(start + i);
                    same = (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) == keyword.charAt(i);
                }
                if (same) {
                    hits.add(keyword + "@" + start);
                }
            }
        }
        return hits;
    }
}
