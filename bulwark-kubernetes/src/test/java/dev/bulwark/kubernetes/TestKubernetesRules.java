package dev.bulwark.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleLinter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in Kubernetes rule compiles, has complete metadata, and passes its own fixtures. */
class TestKubernetesRules {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/kubernetes");

    @Test
    void everyRuleLoadsAndPassesItsFixtures() {
        RuleLinter.Result result = new RuleLinter(new RuleCompiler(List.of(new KubernetesAdapter()))).lint(List.of(RULES));
        assertThat(result.rules()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(result.issues()).as("rule issues: compile errors, missing metadata, fixture failures").isEmpty();
    }
}
