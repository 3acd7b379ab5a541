package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.rules.FixtureRunner;
import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleIssue;
import dev.bulwark.rules.RuleLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in Dockerfile rule compiles, has complete metadata, and passes its own fixtures. */
class TestDockerfileRules {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/dockerfile");

    @Test
    void everyRuleLoadsAndPassesItsFixtures() {
        RuleCompiler compiler = new RuleCompiler(List.of(new DockerfileAdapter()));
        RuleLoader.Loaded loaded = new RuleLoader(compiler).loadFolder(RULES);
        assertThat(loaded.issues()).as("rule issues (errors and missing metadata)").isEmpty();
        assertThat(loaded.rules()).isNotEmpty();
        FixtureRunner runner = new FixtureRunner(compiler);
        List<RuleIssue> failures = new ArrayList<>();
        for (Rule rule : loaded.rules()) {
            failures.addAll(runner.run(rule));
        }
        assertThat(failures).as("fixture failures").isEmpty();
    }
}
