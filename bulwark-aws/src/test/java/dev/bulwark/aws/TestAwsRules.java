package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleDefinition;
import dev.bulwark.rules.RuleLinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in AWS rule compiles, has complete metadata, and passes its fixtures; and, because
 * one rule covers both formats, each has failing and passing fixtures in Terraform and in
 * CloudFormation and a fix for each. Settings CloudFormation cannot express (the {@code Bulwark::}
 * account types) need Terraform only.
 */
class TestAwsRules {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/aws");

    private static RuleLinter.Result lint() {
        return new RuleLinter(new RuleCompiler(List.of(new AwsAdapter()))).lint(List.of(RULES));
    }

    @Test
    void everyRuleLoadsAndPassesItsFixtures() {
        RuleLinter.Result result = lint();
        assertThat(result.issues()).as("rule issues: compile errors, missing metadata, fixture failures").isEmpty();
        assertThat(result.rules()).isNotEmpty();
    }

    @Test
    void everyRuleCoversTerraformAndCloudFormation() {
        List<String> problems = new ArrayList<>();
        for (Rule rule : lint().rules()) {
            boolean accountSetting = !rule.info().kinds().isEmpty()
                    && rule.info().kinds().stream().allMatch(kind -> kind.startsWith("Bulwark::"));
            int[] counts = new int[4];
            for (RuleDefinition.FixtureCase test : rule.definition().tests()) {
                boolean terraform = test.file().endsWith(".tf") || test.file().endsWith(".tf.json");
                boolean failing = !test.expectedLines().isEmpty();
                counts[(terraform ? 0 : 2) + (failing ? 0 : 1)]++;
            }
            if (counts[0] == 0 || counts[1] == 0) {
                problems.add(rule.id() + ": needs a failing and a passing Terraform fixture");
            }
            if (!accountSetting && (counts[2] == 0 || counts[3] == 0)) {
                problems.add(rule.id() + ": needs a failing and a passing CloudFormation fixture");
            }
            if (!rule.info().fixes().containsKey("terraform")) {
                problems.add(rule.id() + ": needs a terraform fix");
            }
            if (!accountSetting && !rule.info().fixes().containsKey("cloudformation")) {
                problems.add(rule.id() + ": needs a cloudformation fix");
            }
            if (!rule.info().compliance().containsKey("nist-800-53-r5")) {
                problems.add(rule.id() + ": needs NIST 800-53 r5 controls");
            }
        }
        assertThat(problems).isEmpty();
    }
}
