package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
