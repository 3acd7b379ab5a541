package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.rules.iam.IacPolicies;
import dev.cel.bundle.Cel;
import dev.cel.runtime.CelEvaluationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IAM functions as rules call them: through CEL, on policy facts whose documents hold unknown values. */
class TestIamFunctions {
    private static final SourceLocation AT = SourceLocation.ofLine("main.tf", 3);

    private final IacPolicies iam = new IacPolicies(IamCatalog.bundled());
    private final Cel cel = CelEnvironment.build(List.of("policies"), iam);

    private static KnownMap statement(String effect, Object action, Object resource) {
        KnownMap statement = new KnownMap(AT);
        statement.put("Effect", effect, AT);
        statement.put("Action", action, AT);
        statement.put("Resource", resource, AT);
        return statement;
    }

    /** An identity policy fact: admin in statement 0, and statement 1 grants PassRole on a role computed at apply time. */
    private static Map<String, Object> fact() {
        KnownList statements = new KnownList(AT);
        statements.append(statement("Allow", "*", "*"), AT);
        statements.append(statement("Allow", "iam:PassRole", Unknown.because("computed attribute arn")), AT);
        KnownMap document = new KnownMap(AT);
        document.put("Version", "2012-10-17", AT);
        document.put("Statement", statements, AT);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("path", "Properties.PolicyDocument");
        fact.put("kind", "identity");
        fact.put("document", document);
        fact.put("statements", List.of());
        return fact;
    }

    private Object eval(String expression, Object policies) throws Exception {
        return cel.createProgram(cel.compile(expression).getAst()).eval(Map.of("policies", policies));
    }

    @Test
    void functionsReadTheModelTreeUnknownsIncludedAndParseItOnce() throws Exception {
        List<Object> policies = List.of(fact());
        assertThat(eval("policies.map(d, iamAdmin(d)).flatten()", policies)).isEqualTo(List.of("Properties.PolicyDocument.Statement[0]"));
        // The unknown resource of statement 1 neither fails the call nor counts as a grant.
        assertThat(eval("policies.map(d, iamAllows(d, 'iam:PassRole', 'arn:aws:iam::000000000000:role/bulwark-probe')).flatten()",
                policies)).isEqualTo(List.of("Properties.PolicyDocument.Statement[0]"));
        assertThat(eval("policies.map(d, iamGrants(d, ['iam:CreateAccessKey', 'iam:PassRole'], '*')).flatten()"
                + ".map(g, g.path + ': ' + g.actions.join(','))", policies))
                .isEqualTo(List.of("Properties.PolicyDocument.Statement[0]: iam:CreateAccessKey,iam:PassRole"));
        assertThat(eval("iamActions('sts:AssumeRole*').size() > 2 && iamAllowedActions(policies[0], 'kms:*', '*').size()"
                + " == iamActions('kms:*').size()", policies)).isEqualTo(true);
        // CEL hands the same map to every call, so three programs cost one parse.
        assertThat(iam.documentsRead()).isEqualTo(1);
        assertThat(eval("policies.map(d, iamPublicAccess(d, 's3:*') + iamTrust(d).map(e, e.path)).flatten()", policies))
                .isEqualTo(List.of());
    }

    @Test
    void aValueThatIsNotAFactIsARuleBug() {
        assertThatThrownBy(() -> eval("iamAdmin(policies)", List.of())).isInstanceOf(CelEvaluationException.class)
                .hasMessageContaining("iamAdmin").hasStackTraceContaining("expected a policy fact");
    }
}
