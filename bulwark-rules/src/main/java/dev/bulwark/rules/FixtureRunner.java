package dev.bulwark.rules;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a rule's fixtures: every rule needs at least one file that must fail (with the lines where
 * it must report) and one that must pass. A mismatch is an error located at the test entry in the
 * rule file. Used by the build's fixture test and by {@code bulwark rules lint} / {@code rules test}.
 */
public final class FixtureRunner {
    private final RuleCompiler compiler;

    public FixtureRunner(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** Errors for missing or failing fixtures of {@code rule}; empty when all pass. */
    public List<RuleIssue> run(Rule rule) {
        RuleDefinition definition = rule.definition();
        String source = definition.info().source();
        List<RuleIssue> issues = new ArrayList<>();
        boolean hasFailing = definition.tests().stream().anyMatch(test -> !test.expectedLines().isEmpty());
        boolean hasPassing = definition.tests().stream().anyMatch(test -> test.expectedLines().isEmpty());
        if (!hasFailing) {
            issues.add(RuleIssue.error(source, 1, 1, "no fixture that must fail: add a test with 'expect: [lines]'"));
        }
        if (!hasPassing) {
            issues.add(RuleIssue.error(source, 1, 1, "no fixture that must pass: add a test with 'expect: []'"));
        }
        Optional<SourceAdapter> adapter = compiler.adapter(definition.info().target());
        if (adapter.isEmpty() || definition.folder().isEmpty()) {
            return issues;
        }
        for (RuleDefinition.FixtureCase test : definition.tests()) {
            Path file = definition.folder().get().resolve(test.file());
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                issues.add(RuleIssue.error(source, test.line(), 1, "fixture " + test.file() + " cannot be read: " + e.getClass().getSimpleName()));
                continue;
            }
            SourceFile sourceFile = new SourceFile(test.file(), Optional.of(file), content);
            AdaptResult result = adapter.get().adapt(sourceFile);
            for (ParseProblem problem : result.problems()) {
                issues.add(RuleIssue.error(source, test.line(), 1, "fixture " + test.file() + ":" + problem.line()
                        + " does not parse: " + problem.message()));
            }
            Map<String, Object> scanVariables = adapter.get().scanVariables(result.resources());
            List<Integer> actual = new ArrayList<>();
            for (Resource resource : result.resources()) {
                if (!rule.appliesTo(resource.target(), resource.kind())) {
                    continue;
                }
                try {
                    for (Violation violation : RuleEvaluator.evaluate(rule, resource, scanVariables)) {
                        SourceLocation location = violation.path().isEmpty()
                                ? resource.location()
                                : resource.locations().locate(violation.path());
                        actual.add(location.startLine());
                    }
                } catch (RuleEvaluator.EvaluationFailure e) {
                    issues.add(RuleIssue.error(source, test.line(), 1, "fails on fixture " + test.file() + " ("
                            + resource.ref().address() + "): " + e.getMessage()));
                }
            }
            Collections.sort(actual);
            List<Integer> expected = new ArrayList<>(test.expectedLines());
            Collections.sort(expected);
            if (!actual.equals(expected)) {
                issues.add(RuleIssue.error(source, test.line(), 1, "fixture " + test.file() + ": expected findings on lines "
                        + expected + " but got " + actual));
            }
        }
        return issues;
    }
}
