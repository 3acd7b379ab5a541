package dev.bulwark.iam.lint;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.ConditionKeyInfo;
import dev.bulwark.iam.catalog.ConditionKeyType;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.catalog.ServiceInfo;
import dev.bulwark.iam.lint.StatementSyntax.ConditionSyntax;
import dev.bulwark.iam.lint.StatementSyntax.Located;
import dev.bulwark.iam.policy.Condition;
import dev.bulwark.iam.policy.ConditionOperator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Condition keys and operators: keys nobody defines or the statement's actions never carry, an
 * operator family that does not fit the key's type, set operators on single-valued keys and
 * their absence on multivalued ones, and {@code ForAllValues} in an {@code Allow} without a
 * {@code Null} test (a request without the key passes it: the set of its values is empty).
 */
final class ConditionChecks {
    /**
     * Global keys AWS still sets but no longer lists with the others; {@code aws:SourceOwner}
     * appears in the default policies of SNS topics that S3 and SES publish to.
     */
    private static final Set<String> LEGACY_GLOBAL_KEYS = Set.of("aws:sourceowner");

    private ConditionChecks() {}

    /**
     * Whether the key is a claim of a web identity or OIDC provider, named by the provider's URL
     * ({@code token.actions.githubusercontent.com:sub}, {@code oidc.eks.us-east-1.amazonaws.com/id/X:aud}):
     * any provider can be registered, so these keys cannot all be in the catalog.
     */
    static boolean isProviderClaim(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String provider = key.substring(0, colon);
        return provider.indexOf('.') >= 0 || provider.indexOf('/') >= 0;
    }

    /** How well an operator suits a key type. */
    private enum Fit { OK, LOOSE, MISMATCH }

    static void check(StatementSyntax statement, LintRun run) {
        List<ActionInfo> actions = listedActions(statement, run);
        Set<String> forAllReported = new HashSet<>();
        for (ConditionSyntax condition : statement.conditions()) {
            if (isProviderClaim(condition.key()) || LEGACY_GLOBAL_KEYS.contains(condition.key().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Optional<ConditionKeyInfo> definition = run.index().conditionKey(condition.key());
            if (definition.isEmpty()) {
                run.report(LintCheck.UNKNOWN_CONDITION_KEY, condition.keyPosition(), "'" + condition.key()
                        + "' is not a condition key of AWS or of any service, so the condition is never met"
                        + suggestion(condition.key(), run).map(found -> "; did you mean '" + found + "'?").orElse(""));
                continue;
            }
            if (condition.operator() == ConditionOperator.NULL) {
                // Null tests presence, which is well defined for any key the request may lack.
                continue;
            }
            ConditionKeyInfo key = definition.get();
            if (!run.index().isGlobal(key) && !actions.isEmpty() && !appliesToAny(condition, actions, run)) {
                run.report(LintCheck.CONDITION_KEY_NOT_APPLICABLE, condition.keyPosition(), notApplicableMessage(condition, statement, run));
            }
            operatorFit(condition, key, run);
            setOperators(condition, key, statement, forAllReported, run);
        }
    }

    /** The catalog actions of the statement's Action list; empty for NotAction, {@code *} or nothing known. */
    private static List<ActionInfo> listedActions(StatementSyntax statement, LintRun run) {
        List<ActionInfo> actions = new ArrayList<>();
        if (statement.action().isEmpty() || statement.action().get().negated() || statement.conditions().isEmpty()) {
            return actions;
        }
        for (Located value : statement.action().get().values()) {
            if (ActionPatterns.matchesEverything(value.text())) {
                return List.of();
            }
            actions.addAll(run.patterns().expand(value.text()));
        }
        return actions;
    }

    private static boolean appliesToAny(ConditionSyntax condition, List<ActionInfo> actions, LintRun run) {
        if (!run.spend(actions.size(), condition.keyPosition(), "condition keys against actions")) {
            return true;
        }
        IamCatalog catalog = run.index().catalog();
        for (ActionInfo action : actions) {
            if (catalog.isKnownConditionKey(action.fullName(), condition.key())) {
                return true;
            }
        }
        return false;
    }

    private static String notApplicableMessage(ConditionSyntax condition, StatementSyntax statement, LintRun run) {
        List<String> listed = new ArrayList<>();
        for (Located value : statement.action().get().values()) {
            listed.add(value.text());
        }
        String subject = listed.size() == 1 ? listed.get(0) : "any of " + String.join(", ", listed.subList(0, Math.min(3, listed.size())))
                + (listed.size() > 3 ? " and " + (listed.size() - 3) + " more" : "");
        String example = "";
        int colon = condition.key().indexOf(':');
        if (colon > 0) {
            Optional<ServiceInfo> service = run.index().catalog().service(condition.key().substring(0, colon));
            if (service.isPresent()) {
                for (ActionInfo action : service.get().actions()) {
                    if (run.index().catalog().isKnownConditionKey(action.fullName(), condition.key())) {
                        example = " (it is set for actions such as " + action.fullName() + ")";
                        break;
                    }
                }
            }
        }
        return "'" + condition.key() + "' is not a condition key of " + subject + example
                + ", so requests never carry it and the condition is never met; test a key these actions support";
    }

    private static Optional<String> suggestion(String key, LintRun run) {
        List<String> candidates = new ArrayList<>(run.index().globalKeyNames());
        int colon = key.indexOf(':');
        if (colon > 0) {
            run.index().catalog().service(key.substring(0, colon)).ifPresent(service -> {
                for (ConditionKeyInfo info : service.conditionKeys()) {
                    if (!info.templated()) {
                        candidates.add(info.key());
                    }
                }
            });
        }
        return Suggestions.closest(key, candidates);
    }

    private static void operatorFit(ConditionSyntax condition, ConditionKeyInfo key, LintRun run) {
        ConditionKeyType type = key.type().elementType();
        ConditionOperator.Family family = condition.operator().family();
        Fit fit = fit(family, type, condition.key());
        if (fit == Fit.OK) {
            return;
        }
        String message = "'" + condition.operatorText() + "' compares " + compares(family) + ", but '" + condition.key() + "' is "
                + article(typeName(type)) + " key";
        if (fit == Fit.MISMATCH) {
            run.report(LintCheck.CONDITION_TYPE_MISMATCH, condition.operatorPosition(), message + ", so the test never matches; use "
                    + operatorsFor(type));
        } else {
            run.report(LintCheck.CONDITION_TYPE_LOOSE, condition.operatorPosition(), message + (family == ConditionOperator.Family.STRING
                    ? ", so its values are compared as text; use " : ", so only values that read as " + compares(family)
                    + " can match; use ") + operatorsFor(type));
        }
    }

    /** {@code type} is an element type (never an ArrayOf type). */
    private static Fit fit(ConditionOperator.Family family, ConditionKeyType type, String key) {
        return switch (family) {
            case NULL -> Fit.OK;
            case STRING -> type == ConditionKeyType.STRING || type == ConditionKeyType.ARN ? Fit.OK : Fit.LOOSE;
            case ARN -> arnFit(type, key);
            case NUMERIC -> type == ConditionKeyType.NUMERIC || type == ConditionKeyType.DATE ? Fit.OK : typedFit(type);
            case DATE -> dateFit(type);
            case BOOL -> type == ConditionKeyType.BOOL ? Fit.OK : typedFit(type);
            case BINARY -> type == ConditionKeyType.BINARY ? Fit.OK : typedFit(type);
            case IP -> type == ConditionKeyType.IP_ADDRESS ? Fit.OK : typedFit(type);
        };
    }

    /** A Date operator on a Numeric key reads the number as epoch seconds, which is rarely what it holds. */
    private static Fit dateFit(ConditionKeyType type) {
        if (type == ConditionKeyType.DATE) {
            return Fit.OK;
        }
        if (type == ConditionKeyType.NUMERIC) {
            return Fit.LOOSE;
        }
        return typedFit(type);
    }

    /** An ARN operator suits ARN keys, and String keys whose name says they hold ARNs ({@code lambda:FunctionArn}). */
    private static Fit arnFit(ConditionKeyType type, String key) {
        if (type == ConditionKeyType.ARN) {
            return Fit.OK;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (type == ConditionKeyType.STRING && (lower.endsWith("arn") || lower.endsWith("arns"))) {
            return Fit.OK;
        }
        return typedFit(type);
    }

    /** A typed operator on a key of another type: a String key may still hold such values, any other type never does. */
    private static Fit typedFit(ConditionKeyType type) {
        return type == ConditionKeyType.STRING ? Fit.LOOSE : Fit.MISMATCH;
    }

    private static void setOperators(ConditionSyntax condition, ConditionKeyInfo key, StatementSyntax statement, Set<String> forAllReported,
                                     LintRun run) {
        boolean multivalued = key.type().multiValued();
        String base = condition.operator().text() + (condition.ifExists() ? "IfExists" : "");
        if (condition.qualifier() != Condition.Qualifier.NONE && !multivalued) {
            run.report(LintCheck.SET_OPERATOR_ON_SINGLE_VALUE, condition.operatorPosition(), "'" + condition.key()
                    + "' has a single value, so write '" + base + "' without '" + condition.qualifier().prefix() + "'"
                    + (condition.qualifier() == Condition.Qualifier.FOR_ALL_VALUES
                    ? " (ForAllValues: is also true when the request lacks the key)" : "")
                    + "; AWS advises set operators only for multivalued keys");
            return;
        }
        if (condition.qualifier() == Condition.Qualifier.NONE && multivalued) {
            run.report(LintCheck.MISSING_SET_OPERATOR, condition.operatorPosition(), "'" + condition.key()
                    + "' holds a set of values; write 'ForAllValues:" + base + "' (every value must match) or 'ForAnyValue:" + base
                    + "' (one value must match) to say which you mean");
            return;
        }
        if (condition.qualifier() == Condition.Qualifier.FOR_ALL_VALUES && statement.isAllow() && !hasNullGuard(statement, condition.key())
                && forAllReported.add(condition.key().toLowerCase(Locale.ROOT))) {
            run.report(LintCheck.FOR_ALL_VALUES_WITHOUT_NULL, condition.operatorPosition(), "'" + condition.operatorText()
                    + "' is also true when the request has no '" + condition.key() + "' at all (every value of an empty set matches),"
                    + " so this Allow applies to such requests too; add \"Null\": {\"" + condition.key() + "\": \"false\"}");
        }
    }

    private static boolean hasNullGuard(StatementSyntax statement, String key) {
        for (ConditionSyntax other : statement.conditions()) {
            if (other.operator() == ConditionOperator.NULL && other.key().equalsIgnoreCase(key)) {
                for (Located value : other.values()) {
                    if (value.text().equalsIgnoreCase("false")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String compares(ConditionOperator.Family family) {
        return switch (family) {
            case STRING -> "text";
            case NUMERIC -> "numbers";
            case DATE -> "dates";
            case BOOL -> "true or false";
            case BINARY -> "base64-encoded binary values";
            case IP -> "IP addresses";
            case ARN -> "ARNs";
            case NULL -> "presence";
        };
    }

    private static String typeName(ConditionKeyType type) {
        return switch (type) {
            case STRING, ARRAY_OF_STRING -> "String";
            case ARN, ARRAY_OF_ARN -> "ARN";
            case BOOL, ARRAY_OF_BOOL -> "Bool";
            case DATE, ARRAY_OF_DATE -> "Date";
            case IP_ADDRESS, ARRAY_OF_IP_ADDRESS -> "IPAddress";
            case NUMERIC, ARRAY_OF_NUMERIC -> "Numeric";
            case BINARY, ARRAY_OF_BINARY -> "Binary";
        };
    }

    private static String operatorsFor(ConditionKeyType type) {
        return switch (type) {
            case STRING, ARRAY_OF_STRING -> "a String operator (StringEquals, StringLike)";
            case ARN, ARRAY_OF_ARN -> "ArnEquals or ArnLike";
            case BOOL, ARRAY_OF_BOOL -> "Bool";
            case DATE, ARRAY_OF_DATE -> "a Date operator (DateLessThan, DateGreaterThan)";
            case IP_ADDRESS, ARRAY_OF_IP_ADDRESS -> "IpAddress or NotIpAddress";
            case NUMERIC, ARRAY_OF_NUMERIC -> "a Numeric operator (NumericEquals, NumericLessThan)";
            case BINARY, ARRAY_OF_BINARY -> "BinaryEquals";
        };
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
