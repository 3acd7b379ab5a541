package dev.bulwark.iam.lint;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.ServiceInfo;
import dev.bulwark.iam.lint.StatementSyntax.Located;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Action names against the catalog: unknown service prefixes and actions (with the closest known
 * name), wildcards that match nothing, and spellings whose case differs from AWS's.
 */
final class ActionChecks {
    /** Actions with a service prefix written out; others are the parser's to report, or wildcard prefixes. */
    static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+");

    private ActionChecks() {}

    static void check(StatementSyntax statement, LintRun run) {
        if (statement.action().isEmpty()) {
            return;
        }
        for (Located value : statement.action().get().values()) {
            checkName(value, run);
        }
    }

    private static void checkName(Located value, LintRun run) {
        String text = value.text();
        int separator = text.indexOf(':');
        if (separator > 0 && ArnPattern.isPattern(text.substring(0, separator))) {
            // The evaluator matches such a value as a glob over service:action, but AWS documents the
            // service prefix as written out, and tools disagree on it: flag it, do not guess.
            run.report(LintCheck.WILDCARD_SERVICE, value.position(), "'" + text + "' has a wildcard in the service prefix; AWS "
                    + "documents actions as service:action with the service written out" + (text.equals("*:*")
                    ? "; write \"*\" for every action" : "; list the services, e.g. 'ec2:" + text.substring(separator + 1) + "'"));
            return;
        }
        if (ActionPatterns.matchesEverything(text) || text.length() > Suggestions.MAX_LENGTH * 4 || !ACTION.matcher(text).matches()) {
            return;
        }
        int colon = text.indexOf(':');
        String servicePart = text.substring(0, colon);
        String actionPart = text.substring(colon + 1);
        Optional<ServiceInfo> service = run.index().catalog().service(servicePart);
        if (service.isEmpty()) {
            Optional<String> prefix = Suggestions.closest(servicePart, run.index().servicePrefixes());
            run.report(LintCheck.UNKNOWN_SERVICE, value.position(), "no AWS service has the prefix '" + servicePart + "' (in '"
                    + text + "')" + prefix.map(found -> "; did you mean '" + found + ":" + actionPart + "'?")
                    .orElse("; see the Service Authorization Reference for the prefix of the service"));
            return;
        }
        String prefix = service.get().prefix();
        if (ArnPattern.isPattern(actionPart)) {
            if (run.patterns().expand(text).isEmpty()) {
                run.report(LintCheck.ACTION_MATCHES_NOTHING, value.position(), "'" + text + "' matches no " + prefix
                        + " action; check the spelling, or write the actions out");
            } else if (!servicePart.equals(prefix)) {
                run.report(LintCheck.ACTION_CASE, value.position(), "write '" + prefix + ":" + actionPart + "' with the service prefix as AWS"
                        + " documents it, not '" + text + "' (IAM ignores the case of action names)");
            }
            return;
        }
        Optional<ActionInfo> action = run.index().catalog().action(text);
        if (action.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (ActionInfo candidate : service.get().actions()) {
                names.add(candidate.name());
            }
            Optional<String> closest = Suggestions.closest(actionPart, names);
            run.report(LintCheck.UNKNOWN_ACTION, value.position(), prefix + " has no action '" + actionPart + "'"
                    + closest.map(found -> "; did you mean '" + prefix + ":" + found + "'?")
                    .orElse("; see the Service Authorization Reference for the actions of " + service.get().name()));
            return;
        }
        String canonical = action.get().fullName();
        if (!canonical.equals(text)) {
            run.report(LintCheck.ACTION_CASE, value.position(), "write '" + canonical + "' as AWS documents it, not '" + text
                    + "' (IAM ignores the case of action names, but one spelling keeps policies searchable)");
        }
    }
}
