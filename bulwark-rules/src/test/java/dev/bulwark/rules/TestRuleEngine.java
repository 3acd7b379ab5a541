package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestRuleEngine {
    private final RuleCompiler compiler = new RuleCompiler(List.of(new TestingAdapter()));

    private static String rule(String check) {
        return """
                id: T-001
                title: Test rule
                severity: high
                target: test
                kinds: [things]
                description: d
                rationale: r
                remediation: fix it
                references: [https://example.com]
                compliance:
                  nist-800-53-r5: [CM-6]
                check: |
                """ + check.indent(2);
    }

    private Rule compile(String check) {
        RuleParser.Parsed parsed = RuleParser.parse(rule(check), "t.yaml", Optional.empty());
        assertThat(parsed.issues()).filteredOn(RuleIssue::isError).isEmpty();
        RuleCompiler.Compiled compiled = compiler.compile(parsed.definition().orElseThrow());
        assertThat(compiled.issues()).isEmpty();
        return compiled.rule().orElseThrow();
    }

    private static Resource resource(String yaml) {
        return new TestingAdapter().adapt(SourceFile.of("r.yaml", yaml)).resources().get(0);
    }

    @Test
    void boolPathAndListResultsBecomeViolations() throws Exception {
        Resource resource = resource("name: a\nports: [22, 80, 3389]\nopen: true\n");
        assertThat(RuleEvaluator.evaluate(compile("doc.open"), resource, Map.of()))
                .containsExactly(new Violation("", ""));
        assertThat(RuleEvaluator.evaluate(compile("doc.?missing.orValue(false)"), resource, Map.of())).isEmpty();
        assertThat(RuleEvaluator.evaluate(compile("'ports[1]'"), resource, Map.of()))
                .containsExactly(new Violation("ports[1]", ""));
        Rule list = compile("""
                [0, 1, 2].filter(i, doc.ports[i] in [22, 3389])
                  .map(i, {'path': 'ports[' + string(i) + ']', 'message': 'admin port ' + string(doc.ports[i])})
                """);
        List<Violation> violations = RuleEvaluator.evaluate(list, resource, Map.of());
        assertThat(violations).containsExactly(new Violation("ports[0]", "admin port 22"), new Violation("ports[2]", "admin port 3389"));
        assertThat(resource.locations().locate("ports[2]").startLine()).isEqualTo(2);
    }

    @Test
    void kindGroupsExpand() {
        Rule rule = compile("true");
        assertThat(rule.kinds()).containsExactlyInAnyOrder("Thing", "Gadget");
        assertThat(rule.appliesTo("test", "Gadget")).isTrue();
        assertThat(rule.appliesTo("test", "Other")).isFalse();
        assertThat(rule.appliesTo("kubernetes", "Thing")).isFalse();
    }

    @Test
    void imageFunctionSplitsReferences() throws Exception {
        Resource resource = resource("name: a\nimage: nginx\n");
        Rule rule = compile("image(doc.image).latest && image(doc.image).repository == 'library/nginx'");
        assertThat(RuleEvaluator.evaluate(rule, resource, Map.of())).hasSize(1);
        Rule pinned = compile("image('ghcr.io/acme/api:1.2@sha256:abc').pinned && image('localhost:5000/x:1').registry == 'localhost:5000'");
        assertThat(RuleEvaluator.evaluate(pinned, resource, Map.of())).hasSize(1);
    }

    @Test
    void compileErrorsAreLocatedInTheRuleFile() {
        RuleParser.Parsed parsed = RuleParser.parse(rule("doc.ports.exists(p,\n  p == 22 &&)"), "bad.yaml", Optional.empty());
        RuleCompiler.Compiled compiled = compiler.compile(parsed.definition().orElseThrow());
        assertThat(compiled.rule()).isEmpty();
        assertThat(compiled.issues()).isNotEmpty();
        RuleIssue issue = compiled.issues().get(0);
        assertThat(issue.file()).isEqualTo("bad.yaml");
        assertThat(issue.line()).isEqualTo(14);
        assertThat(issue.column()).as("the closing parenthesis after assertThat(issue.column()).isEqualTo(13);assertThat(issue.column()).isEqualTo(13);").isEqualTo(15);
    }

    @Test
    void wrongResultTypeAndUnknownTargetAreRejected() {
        RuleParser.Parsed parsed = RuleParser.parse(rule("1 + 2"), "t.yaml", Optional.empty());
        assertThat(compiler.compile(parsed.definition().orElseThrow()).issues().get(0).message()).contains("not int");
        RuleParser.Parsed other = RuleParser.parse(rule("true").replace("target: test", "target: nope"), "t.yaml", Optional.empty());
        assertThat(compiler.compile(other.definition().orElseThrow()).issues().get(0).message()).contains("unknown target 'nope'");
    }

    @Test
    void missingMetadataAndBadFieldsAreReportedWithLines() {
        RuleParser.Parsed parsed = RuleParser.parse("id: lower-case\ntitle: t\nseverity: urgent\ntarget: test\ncheck: 'true'\nextra: 1\n",
                "m.yaml", Optional.empty());
        assertThat(parsed.definition()).isEmpty();
        assertThat(parsed.issues()).extracting(RuleIssue::toString).anySatisfy(text -> assertThat(text).contains("m.yaml:1").contains("upper case"))
                .anySatisfy(text -> assertThat(text).contains("m.yaml:3").contains("unknown severity"))
                .anySatisfy(text -> assertThat(text).contains("missing required 'description'"))
                .anySatisfy(text -> assertThat(text).contains("m.yaml:6").contains("unknown key 'extra'"))
                .anySatisfy(text -> assertThat(text).contains("missing 'tests'"));
    }

    @Test
    void evaluationFailureIsReportedNotThrownAsBug() {
        Rule rule = compile("doc.nothing.deeper == 1");
        Resource resource = resource("name: a\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleEvaluator.evaluate(rule, resource, Map.of()))
                .isInstanceOf(RuleEvaluator.EvaluationFailure.class);
    }

    @Test
    void matchesKeepsPartialMatchSemantics() throws Exception {
        Resource resource = resource("name: a\nenv: DB_PASSWORD\n");
        assertThat(RuleEvaluator.evaluate(compile("doc.env.matches('PASS')"), resource, Map.of())).hasSize(1);
        assertThat(RuleEvaluator.evaluate(compile("matches(doc.env, '^DB_')"), resource, Map.of())).hasSize(1);
        assertThat(RuleEvaluator.evaluate(compile("doc.env.matches('^PASS')"), resource, Map.of())).isEmpty();
        assertThat(RuleEvaluator.evaluate(compile("doc.env.matches('(?i)password$')"), resource, Map.of())).hasSize(1);
        Rule invalid = compile("doc.env.matches(doc.name + '[')");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleEvaluator.evaluate(invalid, resource, Map.of()))
                .isInstanceOf(RuleEvaluator.EvaluationFailure.class);
    }
}
