package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.PolicyEvaluator;
import dev.bulwark.iam.policy.StatementRef;
import dev.bulwark.iam.simulate.Simulation;
import dev.bulwark.iam.simulate.SimulationIssue;
import dev.bulwark.iam.simulate.SimulationReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Decide an AWS request the way IAM does: Allowed, ExplicitlyDenied or ImplicitlyDenied, and which statements decided it.",
                "REQUEST is a JSON file holding one request (principal, action, resource, context, policies by kind) or a list of them; see the README."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every request evaluated (and matched its \"expect\", where given)",
                "1:a request's decision differs from its \"expect\"", "2:usage error or a malformed request or policy"})
final class IamSimulateCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "REQUEST", description = "The request file (JSON).")
    Path file;

    @Option(names = "--explain", description = "Print the reasoning step by step.")
    boolean explain;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    IamSimulateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw BulwarkException.userError("--format: unknown format '" + format + "' (accepted: text, json)");
        }
        SourceFile source = InputText.read(file, 10L * 1024 * 1024);
        Path base = file.toAbsolutePath().getParent();
        SimulationReader.Result result = new SimulationReader().read(source.content(), source.displayPath(), base);
        for (SimulationIssue issue : result.issues()) {
            terminal.err().println(issue);
        }
        if (result.hasErrors()) {
            throw BulwarkException.userError("the request file has errors (listed above); nothing was evaluated");
        }
        PolicyEvaluator evaluator = new PolicyEvaluator();
        boolean mismatch = false;
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode json = mapper.createArrayNode();
        PrintStream out = terminal.out();
        for (Simulation simulation : result.simulations()) {
            EvaluationResult outcome = evaluator.evaluate(simulation.request(), simulation.policies(), explain);
            boolean matches = simulation.expected().map(expected -> expected == outcome.decision()).orElse(true)
                    && simulation.expectedDecidedBy().map(labels -> labels.equals(outcome.decidingStatements().stream()
                    .map(StatementRef::label).toList())).orElse(true);
            mismatch |= !matches;
            if (chosen.equals("json")) {
                json.add(toJson(mapper, simulation, outcome, matches));
            } else {
                print(out, simulation, outcome, matches);
            }
        }
        if (chosen.equals("json")) {
            out.println(mapper.writeValueAsString(json));
        }
        return mismatch ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private void print(PrintStream out, Simulation simulation, EvaluationResult outcome, boolean matches) {
        out.println(simulation.name() + ": " + simulation.request().principal().arn() + " " + simulation.request().action() + " "
                + simulation.request().resource());
        out.println("  decision: " + outcome.decision().text() + (matches ? "" : "   (expected "
                + simulation.expected().map(decision -> decision.text()).orElse("other deciding statements") + ")"));
        out.println("  because:  " + outcome.reason());
        if (!outcome.decidingStatements().isEmpty()) {
            out.println("  deciding statements:");
            for (StatementRef statement : outcome.decidingStatements()) {
                out.println("    " + statement + (statement.position().line() > 0 ? "  at line " + statement.position().line() : ""));
            }
        }
        if (explain) {
            out.println("  reasoning:");
            List<String> steps = outcome.explanation();
            for (int i = 0; i < steps.size(); i++) {
                out.printf(Locale.ROOT, "    %d. %s%n", i + 1, steps.get(i));
            }
        }
    }

    private static ObjectNode toJson(ObjectMapper mapper, Simulation simulation, EvaluationResult outcome, boolean matches) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", simulation.name());
        node.put("principal", simulation.request().principal().arn());
        node.put("action", simulation.request().action());
        node.put("resource", simulation.request().resource());
        node.put("decision", outcome.decision().text());
        node.put("reason", outcome.reason());
        ArrayNode statements = node.putArray("decidingStatements");
        for (StatementRef statement : outcome.decidingStatements()) {
            ObjectNode entry = statements.addObject();
            entry.put("policyKind", statement.kind().label());
            entry.put("policy", statement.policy());
            entry.put("statement", statement.label());
            entry.put("effect", statement.effect().text());
            entry.put("line", statement.position().line());
            entry.put("column", statement.position().column());
        }
        simulation.expected().ifPresent(expected -> node.put("expected", expected.text()));
        node.put("matchesExpectation", matches);
        if (!outcome.explanation().isEmpty()) {
            ArrayNode steps = node.putArray("explanation");
            outcome.explanation().forEach(steps::add);
        }
        return node;
    }
}
