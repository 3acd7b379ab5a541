package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Checks an IAM policy document the way a compiler checks code: everything {@link PolicyParser}
 * reports, and what only the action catalog can tell (unknown actions, resources the actions do
 * not act on, condition keys the actions never carry, operators that do not fit a key's type),
 * risky grants, redundant and shadowed statements, and the AWS size quota of the policy type.
 * Each check is a {@link LintCheck}; {@code bulwark-iam/LINT.md} lists them with examples.
 *
 * <p>Design: the document is read once into a located JSON tree. The parser builds the policy
 * model from it (statements with structural errors are left out of the model), and the value
 * checks run on a lenient view of every statement ({@link StatementSyntax}), so that one run
 * reports the problems of all statements. The checks that compare statements with each other
 * run on the model, where the meaning of each statement is settled. Action patterns are expanded
 * against the catalog once per document; pairwise checks run within a work budget
 * ({@link LintRun}), so a hostile document costs bounded time.
 *
 * <p>Immutable and thread-safe: the catalog index is built in the constructor and every lint
 * keeps its state to itself.
 */
public final class PolicyLinter {
    private final CatalogIndex index;
    private final PolicyParser parser;
    private final JsonReader reader;

    /** A linter over {@code catalog}, usually {@link IamCatalog#bundled()}. */
    public PolicyLinter(IamCatalog catalog) {
        this.index = new CatalogIndex(requireNonNull(catalog, "catalog is null"));
        this.reader = JsonReader.standard();
        this.parser = new PolicyParser(reader);
    }

    /**
     * Lints a policy of the given kind, or of the kind the document shows when {@code kind} is
     * null (see {@link #lint(String, String, PolicyTarget)}).
     *
     * @return every issue, sorted by position; never null
     * @throws NullPointerException if {@code text} or {@code fileName} is null
     */
    public List<PolicyIssue> lint(String text, String fileName, PolicyKind kind) {
        return lint(text, fileName, kind == null ? null : PolicyTarget.of(kind)).issues();
    }

    /**
     * Lints a policy written for {@code target}. When {@code target} is null it is inferred: a
     * document naming principals is a trust policy when it allows {@code sts:AssumeRole*} and a
     * resource policy otherwise; one without principals is an identity (managed) policy.
     * Problems in the text are issues, never exceptions.
     *
     * @param fileName the name of the policy in the result's model (a file name, an ARN)
     * @return the target used and every issue, sorted by position
     * @throws NullPointerException if {@code text} or {@code fileName} is null
     */
    public PolicyLint lint(String text, String fileName, PolicyTarget target) {
        requireNonNull(text, "text is null");
        requireNonNull(fileName, "fileName is null");
        JsonValue root;
        try {
            root = reader.read(text);
        } catch (JsonSyntaxException e) {
            PolicyTarget used = target == null ? PolicyTarget.IDENTITY : target;
            LintRun run = new LintRun(used, index);
            run.issues().addAll(parser.parse(text, fileName, used.kind()).issues());
            DocumentChecks.check(text, run);
            return new PolicyLint(used, target == null, sorted(run.issues()));
        }
        PolicyTarget used = target == null ? infer(root) : target;
        LintRun run = new LintRun(used, index);
        PolicyParser.Parsed parsed = parser.parse(root, fileName, used.kind());
        run.issues().addAll(parsed.issues());
        DocumentChecks.check(text, run);
        for (StatementSyntax statement : StatementSyntax.read(root)) {
            ActionChecks.check(statement, run);
            ResourceChecks.check(statement, run);
            ConditionChecks.check(statement, run);
            StatementChecks.check(statement, run);
            RedundancyChecks.checkLists(statement, run);
        }
        parsed.policy().ifPresent(policy -> RedundancyChecks.checkStatements(policy, run));
        return new PolicyLint(used, target == null, sorted(run.issues()));
    }

    /** The target a document shows: principals make it a resource policy, or a trust policy with {@code sts:AssumeRole*}. */
    static PolicyTarget infer(JsonValue root) {
        boolean principals = false;
        boolean assumeRole = false;
        for (StatementSyntax statement : StatementSyntax.read(root)) {
            if (statement.principal().isEmpty()) {
                continue;
            }
            principals = true;
            if (statement.action().isPresent() && !statement.action().get().negated()) {
                for (StatementSyntax.Located action : statement.action().get().values()) {
                    if (action.text().toLowerCase(Locale.ROOT).startsWith("sts:assumerole")) {
                        assumeRole = true;
                    }
                }
            }
        }
        if (assumeRole) {
            return PolicyTarget.TRUST;
        }
        return principals ? PolicyTarget.RESOURCE : PolicyTarget.IDENTITY;
    }

    /** Sorted, without exact repeats (two checks may reach the same conclusion about one value). */
    private static List<PolicyIssue> sorted(List<PolicyIssue> issues) {
        List<PolicyIssue> unique = new ArrayList<>(new LinkedHashSet<>(issues));
        unique.sort(PolicyIssue.ORDER);
        return unique;
    }
}
