package dev.bulwark.iam.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.policy.PolicyIssue;
import java.util.List;

/** Lints policy text in tests and finds where a piece of text starts, to assert exact positions. */
final class TestingLint {
    /** One linter for all tests: it only holds the catalog index, and the catalog loads once. */
    static final PolicyLinter LINTER = new PolicyLinter(IamCatalog.bundled());

    private TestingLint() {}

    static List<PolicyIssue> lint(String text, PolicyTarget target) {
        return LINTER.lint(text, "policy.json", target).issues();
    }

    /** The issues with this code, as "line:column message". */
    static List<String> withCode(String text, PolicyTarget target, LintCheck check) {
        return lint(text, target).stream().filter(issue -> issue.code().equals(check.code()))
                .map(issue -> issue.position() + " " + issue.message()).toList();
    }

    /** Every issue as "line:column code". */
    static List<String> codes(String text, PolicyTarget target) {
        return lint(text, target).stream().map(issue -> issue.position() + " " + issue.code()).toList();
    }

    /** Where the only occurrence of {@code needle} starts, 1-based, as the JSON reader counts. */
    static Position position(String text, String needle) {
        int index = text.indexOf(needle);
        assertThat(index).as("'%s' occurs in the policy", needle).isNotNegative();
        assertThat(text.indexOf(needle, index + 1)).as("'%s' occurs once in the policy", needle).isNegative();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, index - lineStart + 1);
    }

    /** A policy of one statement with the given elements (JSON members, without braces). */
    static String statement(String members) {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {" + members + "}\n  ]\n}\n";
    }
}
