package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCompiledExpressionCache {
    private static final String RULE = """
            id: T-002
            title: Open port
            severity: low
            target: test
            description: d
            rationale: r
            remediation: m
            references: [https://example.com]
            compliance: {nist-800-53-r5: [SC-7]}
            check: doc.?open.orValue(false)
            """;

    @TempDir
    Path cacheFolder;

    private Rule compile() {
        RuleCompiler compiler = new RuleCompiler(List.of(new TestingAdapter()),
                Optional.of(new CompiledExpressionCache(cacheFolder, "test")));
        RuleDefinition definition = RuleParser.parse(RULE, "t.yaml", Optional.empty()).definition().orElseThrow();
        return compiler.compile(definition).rule().orElseThrow();
    }

    private static List<Violation> evaluate(Rule rule) throws RuleEvaluator.EvaluationFailure {
        Resource resource = new TestingAdapter().adapt(SourceFile.of("r.yaml", "name: a\nopen: true\n")).resources().get(0);
        return RuleEvaluator.evaluate(rule, resource, Map.of());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cacheFolder)) {
            return files.filter(path -> path.toString().endsWith(".pb")).toList();
        }
    }

    @Test
    void secondCompileUsesTheCacheAndBehavesTheSame() throws Exception {
        assertThat(evaluate(compile())).hasSize(1);
        assertThat(entries()).hasSize(1);
        assertThat(evaluate(compile())).hasSize(1);
    }

    @Test
    void corruptEntryIsIgnored() throws Exception {
        compile();
        Files.write(entries().get(0), new byte[] {1, 2, 3, 4, 5});
        assertThat(evaluate(compile())).hasSize(1);
    }
}
