package dev.bulwark.iam.lint;

import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.lint.StatementSyntax.Element;
import dev.bulwark.iam.lint.StatementSyntax.Located;
import dev.bulwark.iam.policy.ActionElement;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PrincipalElement;
import dev.bulwark.iam.policy.ResourceElement;
import dev.bulwark.iam.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy says twice or says in vain: duplicate and covered values inside one list, an
 * {@code Allow} another unconditional {@code Allow} already grants, and an {@code Allow} an
 * unconditional {@code Deny} cancels.
 *
 * <p>Statement coverage is decided conservatively, so that a warning is always true: a
 * statement with conditions never covers another, {@code NotPrincipal} never does, and where a
 * pattern cannot be compared exactly (an action the catalog does not know, a resource pattern
 * against a {@code NotResource} pattern) the answer is "not covered". Actions are compared on
 * their catalog expansions, resources segment by segment ({@link ArnPattern#covers}),
 * principals value by value (an account id and its root ARN are the same principal).
 */
final class RedundancyChecks {
    private RedundancyChecks() {}

    /** Duplicates and covered values inside the action and resource lists of one statement. */
    static void checkLists(StatementSyntax statement, LintRun run) {
        statement.action().ifPresent(element -> actionList(element, run));
        statement.resource().ifPresent(element -> resourceList(element, run));
    }

    private static void actionList(Element element, LintRun run) {
        List<Located> distinct = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        for (Located value : element.values()) {
            if (!ActionPatterns.matchesEverything(value.text()) && !ActionChecks.ACTION.matcher(value.text()).matches()) {
                continue;
            }
            Located first = seen.putIfAbsent(value.text().toLowerCase(Locale.ROOT), value);
            if (first != null) {
                run.report(LintCheck.DUPLICATE_ACTION, value.position(), "'" + value.text() + "' is already listed at " + first.position()
                        + "; remove this one");
            } else {
                distinct.add(value);
            }
        }
        ActionPatterns patterns = run.patterns();
        for (int i = 0; i < distinct.size(); i++) {
            Located value = distinct.get(i);
            for (int j = 0; j < distinct.size(); j++) {
                Located other = distinct.get(j);
                if (i == j || !ArnPattern.isPattern(other.text())) {
                    continue;
                }
                if (!run.spend(1 + patterns.expand(value.text()).size(), value.position(), "the action lists for redundancy")) {
                    return;
                }
                List<String> single = List.of(other.text());
                if (patterns.covered(value.text(), single)
                        && (j < i || !patterns.covered(other.text(), List.of(value.text())))) {
                    run.report(LintCheck.REDUNDANT_ACTION, value.position(), "'" + value.text() + "' is already covered by '" + other.text()
                            + "' at " + other.position() + " in the same list; remove it");
                    break;
                }
            }
        }
    }

    private static void resourceList(Element element, LintRun run) {
        List<Located> distinct = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        for (Located value : element.values()) {
            Located first = seen.putIfAbsent(value.text(), value);
            if (first != null) {
                run.report(LintCheck.DUPLICATE_RESOURCE, value.position(), "'" + value.text() + "' is already listed at " + first.position()
                        + "; remove this one");
            } else {
                distinct.add(value);
            }
        }
        for (int i = 0; i < distinct.size(); i++) {
            Located value = distinct.get(i);
            for (int j = 0; j < distinct.size(); j++) {
                Located other = distinct.get(j);
                if (i == j || !ArnPattern.isPattern(other.text())) {
                    continue;
                }
                if (!run.spend(1 + value.text().length() / 16, value.position(), "the resource lists for redundancy")) {
                    return;
                }
                if (ArnPattern.covers(other.text(), value.text()) && (j < i || !ArnPattern.covers(value.text(), other.text()))) {
                    run.report(LintCheck.REDUNDANT_RESOURCE, value.position(), "'" + value.text() + "' is already covered by '"
                            + other.text() + "' at " + other.position() + " in the same list; remove it");
                    break;
                }
            }
        }
    }

    /** Allow statements that another statement makes redundant or cancels. */
    static void checkStatements(Policy policy, LintRun run) {
        List<Statement> statements = policy.statements();
        long[] weights = new long[statements.size()];
        for (int index = 0; index < weights.length; index++) {
            weights[index] = weight(statements.get(index), run.patterns());
        }
        for (int index = 0; index < statements.size(); index++) {
            Statement statement = statements.get(index);
            if (statement.effect() != Effect.ALLOW) {
                continue;
            }
            Optional<Statement> deny = Optional.empty();
            Optional<Statement> allow = Optional.empty();
            for (int otherIndex = 0; otherIndex < statements.size(); otherIndex++) {
                Statement other = statements.get(otherIndex);
                if (otherIndex == index || !other.conditions().isEmpty() || (allow.isPresent() && other.effect() == Effect.ALLOW)) {
                    continue;
                }
                // A comparison costs about one set lookup per action of one statement and pattern of the other.
                if (!run.spend(weights[index] * (1 + other.action().patterns().size()) + weights[otherIndex], statement.position(),
                        "statements against each other")) {
                    return;
                }
                if (!covers(other, statement, run)) {
                    continue;
                }
                if (other.effect() == Effect.DENY) {
                    deny = Optional.of(other);
                    break;
                }
                boolean mutual = statement.conditions().isEmpty() && covers(statement, other, run);
                if (!mutual || otherIndex < index) {
                    allow = Optional.of(other);
                }
            }
            if (deny.isPresent()) {
                run.report(LintCheck.SHADOWED_STATEMENT, statement.position(), "statement " + statement.label() + " never grants anything:"
                        + " statement " + deny.get().label() + " at " + position(deny.get()) + " denies all of it without conditions;"
                        + " narrow the Deny or remove this statement");
            } else if (allow.isPresent()) {
                run.report(LintCheck.REDUNDANT_STATEMENT, statement.position(), "everything statement " + statement.label()
                        + " allows is already allowed, without conditions, by statement " + allow.get().label() + " at "
                        + position(allow.get()) + "; remove this statement or merge the two");
            }
        }
    }

    /** How many catalog actions and resource patterns a statement has: the cost of comparing it. */
    private static long weight(Statement statement, ActionPatterns patterns) {
        long weight = 1;
        for (String pattern : statement.action().patterns()) {
            weight += ActionPatterns.matchesEverything(pattern) ? 1 : Math.max(1, patterns.expand(pattern).size());
        }
        weight += statement.resource().map(resource -> resource.patterns().size()).orElse(0);
        return weight;
    }

    private static String position(Statement statement) {
        Position position = statement.position();
        return position.line() + ":" + position.column();
    }

    /** Whether every request {@code covered} applies to, {@code covering} applies to as well (ignoring conditions). */
    private static boolean covers(Statement covering, Statement covered, LintRun run) {
        return principalsCover(covering.principal(), covered.principal())
                && resourcesCover(covering.resource(), covered.resource())
                && actionsCover(covering.action(), covered.action(), run.patterns());
    }

    private static boolean actionsCover(ActionElement covering, ActionElement covered, ActionPatterns patterns) {
        List<String> outer = covering.patterns();
        List<String> inner = covered.patterns();
        if (!covering.negated() && !covered.negated()) {
            for (String pattern : inner) {
                if (!patterns.covered(pattern, outer)) {
                    return false;
                }
            }
            return true;
        }
        if (covering.negated() && !covered.negated()) {
            for (String pattern : inner) {
                if (!patterns.disjoint(pattern, outer)) {
                    return false;
                }
            }
            return true;
        }
        if (!covering.negated()) {
            return anyMatchesEverything(outer);
        }
        // Everything but inner is covered by everything but outer when outer is part of inner.
        for (String pattern : outer) {
            if (!patterns.covered(pattern, inner)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatchesEverything(List<String> patterns) {
        for (String pattern : patterns) {
            if (ActionPatterns.matchesEverything(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourcesCover(Optional<ResourceElement> covering, Optional<ResourceElement> covered) {
        if (covering.isEmpty() || (!covering.get().negated() && covering.get().listsEverything())) {
            return true;
        }
        if (covered.isEmpty()) {
            return false;
        }
        ResourceElement outer = covering.get();
        ResourceElement inner = covered.get();
        if (!outer.negated() && !inner.negated()) {
            for (String resource : inner.patterns()) {
                if (!coveredByAny(resource, outer.patterns())) {
                    return false;
                }
            }
            return true;
        }
        if (outer.negated() && !inner.negated()) {
            for (String resource : inner.patterns()) {
                if (ArnPattern.isPattern(resource)) {
                    return false;
                }
                for (String excluded : outer.patterns()) {
                    if (ArnPattern.covers(excluded, resource)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (!outer.negated()) {
            return false;
        }
        for (String excluded : outer.patterns()) {
            if (!coveredByAny(excluded, inner.patterns())) {
                return false;
            }
        }
        return true;
    }

    private static boolean coveredByAny(String resource, List<String> patterns) {
        for (String pattern : patterns) {
            if (ArnPattern.covers(pattern, resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean principalsCover(Optional<PrincipalElement> covering, Optional<PrincipalElement> covered) {
        if (covering.isEmpty() || covered.isEmpty()) {
            return covering.isEmpty() && covered.isEmpty();
        }
        PrincipalElement outer = covering.get();
        PrincipalElement inner = covered.get();
        if (outer.negated() || inner.negated()) {
            return false;
        }
        if (outer.everyone()) {
            return true;
        }
        if (inner.everyone()) {
            return false;
        }
        return accounts(outer.aws()).containsAll(accounts(inner.aws())) && outer.service().containsAll(inner.service())
                && outer.federated().containsAll(inner.federated()) && outer.canonicalUser().containsAll(inner.canonicalUser());
    }

    /** AWS principals with bare account ids written as their root ARNs, as IAM stores them. */
    private static List<String> accounts(List<String> principals) {
        List<String> normalized = new ArrayList<>(principals.size());
        for (String principal : principals) {
            if (isAccountId(principal)) {
                normalized.add("arn:aws:iam::" + principal + ":root");
            } else {
                normalized.add(principal);
            }
        }
        return normalized;
    }

    private static boolean isAccountId(String principal) {
        if (principal.length() != 12) {
            return false;
        }
        for (int index = 0; index < principal.length(); index++) {
            char c = principal.charAt(index);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
