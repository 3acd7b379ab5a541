package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlLocationIndex;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class TestYamlReader {
    private final YamlReader reader = YamlReader.defaults();

    @Test
    void readsMultipleDocumentsWithTypedScalars() {
        YamlReader.Result result = reader.read("""
                a: 1
                b: true
                c: 1.5
                d: "1"
                e: ~
                ---
                - x
                - 0x10
                """, "t.yaml");
        assertThat(result.error()).isEmpty();
        assertThat(result.documents()).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) result.documents().get(0).root();
        assertThat(first.get("a")).isEqualTo(1L);
        assertThat(first.get("b")).isEqualTo(true);
        assertThat(first.get("c")).isEqualTo(1.5);
        assertThat(first.get("d")).isEqualTo("1");
        assertThat(first.containsKey("e")).as("null entries are omitted").isFalse();
        assertThat((List<Object>) result.documents().get(1).root()).containsExactly("x", 16L);
    }

    @Test
    void keepsNullEntriesWhenAskedWithTheirSpan() {
        Object marker = new Object();
        YamlReader.Result result = reader.withNullValue(marker).read("a: 1\nb: null\nc: ~\n", "t.yaml");
        YamlMap map = (YamlMap) result.documents().get(0).root();
        assertThat(map).containsOnlyKeys("a", "b", "c");
        assertThat(map.get("b")).isSameAs(marker);
        assertThat(map.entrySpan("c").startLine()).isEqualTo(3);
    }

    @Test
    void mergesMapsDeeplyKeepingEachEntrysSpan() {
        YamlReader.Result result = reader.read("a: 1\nm: {x: 1, y: 2}\n---\nb: 2\nm: {y: 3}\n", "t.yaml");
        YamlMap merged = YamlMap.merge((YamlMap) result.documents().get(0).root(), (YamlMap) result.documents().get(1).root());
        assertThat(merged).containsOnlyKeys("a", "m", "b");
        assertThat((Map<String, Object>) merged.get("m")).containsExactly(Map.entry("x", 1L), Map.entry("y", 3L));
        assertThat(merged.entrySpan("a").startLine()).isEqualTo(1);
        assertThat(merged.entrySpan("b").startLine()).isEqualTo(4);
        assertThat(((YamlMap) merged.get("m")).entrySpan("x").startLine()).isEqualTo(2);
    }

    @Test
    void locatesPathsIncludingMissingOnesAtTheirParent() {
        String text = """
                spec:
                  containers:
                    - name: a
                      image: nginx
                    - name: b
                      securityContext:
                        privileged: true
                metadata:
                  annotations:
                    example.com/key: v
                """;
        YamlMap root = (YamlMap) reader.read(text, "f.yaml").documents().get(0).root();
        YamlLocationIndex index = new YamlLocationIndex("f.yaml", root, root.span());
        assertThat(index.locate("spec.containers[1].securityContext.privileged").startLine()).isEqualTo(7);
        assertThat(index.locate("spec.containers[1].securityContext.runAsUser").startLine()).isEqualTo(6);
        assertThat(index.locate("spec.containers[0].resources").startLine()).isEqualTo(3);
        assertThat(index.locate("metadata.annotations[\"example.com/key\"]").startLine()).isEqualTo(10);
        assertThat(index.stableKey("spec.containers[1].securityContext")).isEqualTo(".spec.containers[name=b].securityContext");
    }

    @Test
    void syntaxErrorIsLocatedAndEarlierDocumentsKept() {
        YamlReader.Result result = reader.read("a: 1\n---\nb: [1, 2\nc: 3\n", "bad.yaml");
        assertThat(result.documents()).hasSize(1);
        assertThat(result.error()).isPresent();
        assertThat(result.error().get().isLimit()).isFalse();
        assertThat(result.error().get().line()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void refusesAliasBombsAndDeepNesting() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ", ").repeat(8)).append('*').append(previous).append("]\n");
            previous = c;
        }
        YamlReader.Result aliases = reader.read(bomb.toString(), "bomb.yaml");
        assertThat(aliases.error()).isPresent();
        assertThat(aliases.error().get().isLimit()).isTrue();
        assertThat(aliases.error().get().getMessage()).contains("alias");

        YamlReader.Result deep = reader.read("x: " + "[".repeat(10_000) + "]".repeat(10_000), "deep.yaml");
        assertThat(deep.error()).isPresent();
        assertThat(deep.error().get().getMessage()).contains("nesting deeper than 100");
    }

    @Test
    void supportsAnchorsAndMergeKeys() {
        YamlMap root = (YamlMap) reader.read("""
                base: &base {cpu: 1, memory: 2}
                derived:
                  <<: *base
                  memory: 4
                """, "m.yaml").documents().get(0).root();
        assertThat((Map<String, Object>) root.get("derived")).containsEntry("cpu", 1L).containsEntry("memory", 4L);
        assertThat(root.get("base")).isInstanceOf(YamlMap.class);
    }

    @Test
    void readsJson() {
        YamlReader.Result result = reader.read("{\"kind\": \"Pod\", \"spec\": {\"containers\": [{\"name\": \"a\"}]}}", "p.json");
        assertThat(result.error()).isEmpty();
        YamlMap root = (YamlMap) result.documents().get(0).root();
        assertThat(((YamlList) ((Map<?, ?>) root.get("spec")).get("containers"))).hasSize(1);
    }

    @Test
    void yaml11BooleansOnlyWhenAskedFor() {
        String text = "a: yes\nb: off\nc: \"yes\"\nd: Y\n";
        Map<?, ?> plain = (Map<?, ?>) reader.read(text, "b.yaml").documents().get(0).root();
        assertThat(plain.get("a")).isEqualTo("yes");
        Map<?, ?> legacy = (Map<?, ?>) reader.withYaml11Booleans().read(text, "b.yaml").documents().get(0).root();
        assertThat(legacy.get("a")).isEqualTo(true);
        assertThat(legacy.get("b")).isEqualTo(false);
        assertThat(legacy.get("c")).as("quoted stays a string").isEqualTo("yes");
        assertThat(legacy.get("d")).isEqualTo(true);
    }
}
