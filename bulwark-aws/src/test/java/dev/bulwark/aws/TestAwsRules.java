package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleLinter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in AWS rule compiles, has complete metadata, and passes its fixtures in both formats. */
class TestAwsRules {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/aws");

    @Test
    void everyRuleLoadsAndPassesItsFixtures() {
        RuleLinter.Result result = new RuleLinter(new RuleCompiler(List.of(new AwsAdapter()))).lint(List.of(RULES));
        assertThat(result.issues()).as("rule issues: compile errors, missing metadata, fixture failures").isEmpty();
        assertThat(result.rules()).isNotEmpty();
    }
}
