package dev.bulwark.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.simulate.Simulation;
import dev.bulwark.iam.simulate.SimulationReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The evaluation logic, rule by rule, as a table: every case in {@code simulate/*.json} is a
 * request, its policies and the decision (and deciding statements) AWS documents for it.
 */
class TestPolicyEvaluation {
    private static final List<String> TABLES = List.of("basics", "conditions", "variables", "resource-policies",
            "boundaries-and-sessions", "organizations", "trust-and-key-policies", "not-principal");

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @TestFactory
    Stream<DynamicTest> everyCaseDecidesAsDocumented() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String table : TABLES) {
            SimulationReader.Result result = read(table);
            assertThat(result.issues()).as("problems in %s.json", table).noneMatch(issue -> issue.isError());
            for (Simulation simulation : result.simulations()) {
                tests.add(DynamicTest.dynamicTest(table + ": " + simulation.name(), () -> {
                    EvaluationResult outcome = evaluator.evaluate(simulation.request(), simulation.policies(), true);
                    assertThat(outcome.decision()).as(String.join("\n", outcome.explanation()))
                            .isEqualTo(simulation.expected().orElseThrow());
                    if (simulation.expectedDecidedBy().isPresent()) {
                        assertThat(outcome.decidingStatements()).extracting(StatementRef::label)
                                .as(String.join("\n", outcome.explanation()))
                                .containsExactlyElementsOf(simulation.expectedDecidedBy().get());
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    @Test
    void explanationNamesEveryStepAndTheDecision() throws IOException {
        Simulation denied = read("basics").simulations().get(2);
        EvaluationResult outcome = evaluator.evaluate(denied.request(), denied.policies(), true);
        assertThat(outcome.explanation()).first().asString().startsWith("request: User arn:aws:iam::111122223333:user/alice calls s3:GetObject");
        assertThat(outcome.explanation()).last().asString().startsWith("decision: ExplicitlyDenied");
        assertThat(outcome.reason()).contains("identity policy identity-2 statement NoReports (Deny)");
        assertThat(evaluator.evaluate(denied.request(), denied.policies()).explanation()).isEmpty();
    }

    private static SimulationReader.Result read(String table) throws IOException {
        String resource = "/simulate/" + table + ".json";
        try (InputStream in = TestPolicyEvaluation.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SimulationReader().read(text, table + ".json", Path.of("."));
        }
    }
}
