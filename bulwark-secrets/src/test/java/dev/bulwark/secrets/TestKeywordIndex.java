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

    /**
     * Long ASCII starts are read as two halves at once: the same hits as the text alone, also for
     * keywords across the middle and with non-ASCII text after the ASCII start.
     */
    @Test
    void readingLongTextInTwoHalvesFindsEveryHit() {
        List<String> keywords = List.of("token", "ghp_", "password", "pass", "api_key", "://", "-----begin rsa", "a");
        KeywordIndex index = new KeywordIndex(keywords);
        String[] pieces = {"token", "TOKEN", "ghp_", "passWORD", "api_key", "http://", "-----BEGIN RSA", "x", " ", "\n",
            "to", "ken", "_", "-----BEG", "IN RSA"};
        Random random = new Random(21);
        int total = 0;
        for (int sample = 0; sample < 300; sample++) {
            StringBuilder text = new StringBuilder();
            int length = KeywordIndex.SPLIT_BYTES - 20 + random.nextInt(3 * KeywordIndex.SPLIT_BYTES);
            while (text.length() < length) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextInt(3) == 0) {
                text.append("é token ſ ghp_");
            }
            String decoded = text.toString();
            byte[] utf8 = decoded.getBytes(StandardCharsets.UTF_8);
            List<String> fromBytes = new ArrayList<>();
            index.scan(decoded, utf8, (keyword, start) -> fromBytes.add(keywords.get(keyword) + "@" + start));
            List<String> fromText = new ArrayList<>();
            index.scan(decoded, (keyword, start) -> fromText.add(keywords.get(keyword) + "@" + start));
            assertThat(fromBytes).as("sample " + sample).containsExactlyInAnyOrderElementsOf(fromText);
            total += fromText.size();
        }
        assertThat(total).isGreaterThan(100_000);
    }

    @Test
    void aKeywordAcrossTheMiddleIsFoundOnce() {
        String keyword = "-----BEGIN RSA";
        int length = 2 * KeywordIndex.SPLIT_BYTES;
        int middle = length / 2;
        KeywordIndex index = new KeywordIndex(List.of("-----begin rsa"));
        for (int shift = 0; shift <= keyword.length(); shift++) {
            String text = "x".repeat(middle - shift) + keyword + "x".repeat(length - (middle - shift) - keyword.length());
            List<Integer> starts = new ArrayList<>();
            index.scan(text, text.getBytes(StandardCharsets.UTF_8), (k, start) -> starts.add(start));
            assertThat(starts).as("keyword starting " + shift + " before the middle").containsExactly(middle - shift);
        }
    }

    @Test
    void asciiPrefixStopsAtTheFirstNonAsciiByte() {
        for (int at = 0; at < 40; at++) {
            byte[] bytes = ("a".repeat(at) + "é" + "b".repeat(20)).getBytes(StandardCharsets.UTF_8);
            assertThat(KeywordIndex.asciiPrefix(bytes)).isEqualTo(at);
        }
        assertThat(KeywordIndex.asciiPrefix("abc".repeat(7).getBytes(StandardCharsets.UTF_8))).isEqualTo(21);
        assertThat(KeywordIndex.asciiPrefix(new byte[0])).isZero();
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
