package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.aws.cloudformation.CloudFormationReader;
import dev.bulwark.aws.cloudformation.CloudFormationStack;
import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.model.ValuePath;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleDefinition;
import dev.bulwark.rules.RuleEvaluator;
import dev.bulwark.rules.RuleLinter;
import dev.bulwark.rules.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * No rule fires on a value that cannot be known. For every built-in AWS rule and every finding
 * its failing fixtures produce at a value, the test makes exactly that value unknown (as a
 * computed attribute, a variable without value or {@code Fn::ImportValue} would be), rebuilds the
 * resource's facts and relations, and runs the rule again: the finding must be gone.
 *
 * <p>A few findings are about something whose presence is known even when its content is not;
 * they are listed in {@link #PRESENCE} with the reason, and only for the path the rule reports.
 */
class TestUnknownValuesNeverFire {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/aws");

    /** Rule id to the property (path prefix, indexes removed) whose presence, not value, is the finding. */
    private static final Map<String, String> PRESENCE = Map.ofEntries(
            // An inline policy on a user is the finding (CIS 1.15), whatever it says.
            Map.entry("BW-AWS-IAM-007", "Properties.Policies"),
            // A managed policy attached to a user is the finding (CIS 1.15), whichever it is.
            Map.entry("BW-AWS-IAM-008", "Properties.ManagedPolicyArns"),
            // A console password together with an access key is the finding (CIS 1.11), whatever the password.
            Map.entry("BW-AWS-IAM-021", "Properties.LoginProfile"),
            // Allow with NotPrincipal grants everyone but the named principals, whoever they are.
            Map.entry("BW-AWS-S3-004", "Properties.PolicyDocument.Statement.NotPrincipal"));

    /**
     * The CIS 4.x alarm rules decide on the whole scan ("no metric filter with an alarm anywhere
     * covers the event") and only locate the finding at the trail's log group: with no candidate
     * filter at all, an unknown log group changes nothing.
     */
    private static boolean scanWideVerdict(String ruleId, String path) {
        return ruleId.matches("BW-AWS-CW-0(0[4-9]|1[0-8])") && path.equals("Properties.CloudWatchLogsLogGroupArn");
    }

    private static boolean presenceFinding(String ruleId, String path) {
        String property = PRESENCE.get(ruleId);
        return property != null && path.replaceAll("\\[\\d+\\]", "").equals(property);
    }

    @Test
    void everyFindingDisappearsWhenItsValueIsUnknown() throws IOException {
        AwsAdapter adapter = new AwsAdapter();
        RuleLinter.Result lint = new RuleLinter(new RuleCompiler(List.of(adapter))).lint(List.of(RULES));
        List<String> fired = new ArrayList<>();
        int checked = 0;
        for (Rule rule : lint.rules()) {
            for (RuleDefinition.FixtureCase test : rule.definition().tests()) {
                if (test.expectedLines().isEmpty()) {
                    continue;
                }
                Path file = rule.definition().folder().orElseThrow().resolve(test.file());
                List<AwsResource> stack = stack(file);
                for (AwsResource resource : stack) {
                    for (Violation violation : evaluate(adapter, rule, stack, resource)) {
                        if (!violation.path().startsWith("Properties.") || presenceFinding(rule.id(), violation.path())
                                || scanWideVerdict(rule.id(), violation.path())) {
                            continue;
                        }
                        Object previous = replace(resource.properties(), violation.path().substring("Properties.".length()),
                                Unknown.because("made unknown by the test"));
                        if (previous == MISSING) {
                            continue;
                        }
                        checked++;
                        for (Violation again : evaluate(adapter, rule, stack, resource)) {
                            if (again.path().equals(violation.path())) {
                                fired.add(rule.id() + " still reports " + violation.path() + " of " + resource.address() + " in " + test.file());
                            }
                        }
                        replace(resource.properties(), violation.path().substring("Properties.".length()), previous);
                    }
                }
            }
        }
        assertThat(checked).as("findings checked").isGreaterThan(200);
        assertThat(fired).isEmpty();
    }

    private static List<AwsResource> stack(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".tf") || name.endsWith(".tf.json")) {
            SourceFile source = TestingAws.read(file);
            List<TerraformProject.Stack> stacks = TerraformProject.evaluate(List.of(source), List.of(), List.of(file.getParent()),
                    AdaptOptions.none(), 10L * 1024 * 1024);
            List<AwsResource> resources = new ArrayList<>();
            for (TerraformProject.Stack stack : stacks) {
                resources.addAll(stack.resources());
            }
            return resources;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        CloudFormationReader.Read read = CloudFormationReader.read(content, file.toString());
        return CloudFormationStack.of(read.root().orElseThrow(), file.toString(), Map.of()).resources();
    }

    private static List<Violation> evaluate(AwsAdapter adapter, Rule rule, List<AwsResource> stack, AwsResource target) {
        List<Resource> resources = adapter.resources(stack, Optional.empty());
        Map<String, Object> scanVariables = adapter.scanVariables(resources);
        for (Resource resource : resources) {
            if (resource.ref().address().equals(target.address()) && resource.kind().equals(target.type())
                    && rule.appliesTo(resource.target(), resource.kind())) {
                try {
                    return RuleEvaluator.evaluate(rule, resource, scanVariables);
                } catch (RuleEvaluator.EvaluationFailure e) {
                    throw new AssertionError(rule.id() + " fails on " + target.address() + ": " + e.getMessage(), e);
                }
            }
        }
        return List.of();
    }

    private static final Object MISSING = new Object();

    /** Sets the value at {@code path} (relative to the properties), returning what was there (MISSING when nothing was). */
    private static Object replace(KnownMap properties, String path, Object value) {
        List<Object> segments = ValuePath.parse(path);
        Object current = properties;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            if (current instanceof KnownMap map && map.containsKey(String.valueOf(segment))) {
                current = map.raw(String.valueOf(segment));
            } else if (current instanceof KnownList list && segment instanceof Integer index && index < list.size()) {
                current = list.raw(index);
            } else {
                return MISSING;
            }
        }
        Object last = segments.get(segments.size() - 1);
        if (current instanceof KnownMap map) {
            String key = String.valueOf(last);
            Object previous = map.containsKey(key) ? map.raw(key) : null;
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value, map.entryLocation(key));
            }
            return previous;
        }
        if (current instanceof KnownList list && last instanceof Integer index && index < list.size()) {
            return list.set(index, value);
        }
        return MISSING;
    }
}
