package dev.bulwark.iam.lint;

import dev.bulwark.iam.lint.StatementSyntax.Located;
import dev.bulwark.iam.lint.StatementSyntax.Principal;
import dev.bulwark.iam.policy.PolicyKind;

/**
 * Risks of one statement as a whole: {@code Allow} with a Not element (it grants everything not
 * listed, including what AWS launches later), {@code NotPrincipal} where AWS does not support it,
 * grants to everyone without a condition, full administrator grants, and {@code Sid} values the
 * policy type rejects.
 */
final class StatementChecks {
    private StatementChecks() {}

    static void check(StatementSyntax statement, LintRun run) {
        PolicyKind kind = run.target().kind();
        notElements(statement, kind, run);
        if (statement.isAllow() && (kind == PolicyKind.RESOURCE || kind == PolicyKind.TRUST) && statement.conditions().isEmpty()
                && statement.principal().isPresent() && !statement.principal().get().negated()
                && statement.principal().get().everyone().isPresent()) {
            run.report(LintCheck.PUBLIC_PRINCIPAL, statement.principal().get().everyone().get(), "this Allow names every principal"
                    + " (\"*\"), anonymous callers and every AWS account included, without a condition; name the accounts or roles,"
                    + " or add a condition such as aws:PrincipalOrgID or aws:SourceAccount");
        }
        if (statement.isAllow() && kind != PolicyKind.SCP && kind != PolicyKind.RCP) {
            fullAdmin(statement, run);
        }
        if (statement.sid().isPresent() && run.target().alphanumericSid()) {
            sid(statement.sid().get(), run);
        }
    }

    private static void notElements(StatementSyntax statement, PolicyKind kind, LintRun run) {
        if (statement.principal().isPresent() && statement.principal().get().negated()) {
            Principal principal = statement.principal().get();
            if (kind == PolicyKind.TRUST) {
                run.report(LintCheck.NOT_PRINCIPAL_IN_TRUST, principal.keyPosition(), "a role trust policy cannot use NotPrincipal;"
                        + " write Principal with the principals that may assume the role");
            } else if (statement.isAllow()) {
                run.report(LintCheck.ALLOW_NOT_PRINCIPAL, principal.keyPosition(), "AWS does not support NotPrincipal with \"Allow\""
                        + " (it would grant everyone not listed); write Principal, or use \"Deny\" with a condition on aws:PrincipalArn");
            }
        }
        if (!statement.isAllow()) {
            return;
        }
        if (statement.action().isPresent() && statement.action().get().negated()) {
            run.report(LintCheck.ALLOW_NOT_ACTION, statement.action().get().keyPosition(), "\"Allow\" with NotAction grants every"
                    + " action of every service except the listed ones, including actions AWS adds later; list the actions to allow"
                    + " in Action, or use NotAction only in a Deny");
        }
        if (statement.resource().isPresent() && statement.resource().get().negated()) {
            run.report(LintCheck.ALLOW_NOT_RESOURCE, statement.resource().get().keyPosition(), "\"Allow\" with NotResource grants the"
                    + " actions on every resource except the listed ones, including resources created later; list the resources to"
                    + " allow in Resource");
        }
    }

    private static void fullAdmin(StatementSyntax statement, LintRun run) {
        if (statement.action().isEmpty() || statement.action().get().negated() || statement.resource().isEmpty()
                || statement.resource().get().negated() || !statement.resource().get().hasValue("*")) {
            return;
        }
        for (Located action : statement.action().get().values()) {
            if (ActionPatterns.matchesEverything(action.text())) {
                run.report(LintCheck.FULL_ADMIN, action.position(), "\"Action\": \"" + action.text() + "\" with \"Resource\": \"*\""
                        + " allows every action on every resource (full administrator access); list the actions and resources"
                        + " the principal needs");
                return;
            }
        }
    }

    private static void sid(Located sid, LintRun run) {
        String text = sid.text();
        StringBuilder fixed = new StringBuilder(text.length());
        boolean capitalize = false;
        boolean invalid = false;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric) {
                invalid = true;
                capitalize = true;
                continue;
            }
            fixed.append(capitalize ? Character.toUpperCase(c) : c);
            capitalize = false;
        }
        if (!invalid) {
            return;
        }
        run.report(LintCheck.INVALID_SID, sid.position(), "Sid '" + text + "' has characters that " + article(run.target().kind().label())
                + " rejects: only ASCII letters and digits are accepted" + (fixed.isEmpty() ? "" : "; write '" + fixed + "'"));
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
