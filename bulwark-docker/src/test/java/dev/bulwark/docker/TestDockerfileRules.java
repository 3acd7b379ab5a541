package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleLinter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in Dockerfile rule compiles, has complete metadata, and passes its own fixtures. */
class TestDockerfileRules {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/dockerfile");

    @Test
    void everyRuleLoadsAndPassesItsFixtures() {
        RuleLinter.Result result = new RuleLinter(new RuleCompiler(List.of(new DockerfileAdapter()))).lint(List.of(RULES));
        assertThat(result.rules()).hasSizeGreaterThanOrEqualTo(19);
        assertThat(result.issues()).as("rule issues: compile errors, missing metadata, fixture failures").isEmpty();
    }
}
