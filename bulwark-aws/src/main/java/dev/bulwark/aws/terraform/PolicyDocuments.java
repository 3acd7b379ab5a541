package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;
import dev.bulwark.core.model.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aws_iam_policy_document} data source computed as the provider does, since it needs
 * no AWS call: statements with their actions, resources, principals and conditions, merged with
 * {@code source_policy_documents} and {@code override_policy_documents} by statement id. The
 * result keeps each statement's block position, so a finding lands on the statement.
 */
final class PolicyDocuments {
    private PolicyDocuments() {}

    static Object render(TfObject arguments, String file) {
        TfObject document = new TfObject().from(file);
        Object version = arguments.get("version");
        document.put("Version", version == null ? "2012-10-17" : version);
        if (arguments.get("policy_id") != null) {
            document.put("Id", arguments.get("policy_id"));
        }
        List<Object> statements = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        Unknown unknownSources = mergeDocuments(arguments.get("source_policy_documents"), statements, ranges);
        if (unknownSources != null) {
            return unknownSources;
        }
        Object own = arguments.get("statement");
        if (own instanceof Unknown) {
            return own;
        }
        if (own instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Range range = list instanceof TfList tfList ? tfList.rangeOf(i) : null;
                Object element = list.get(i);
                merge(statements, ranges, element instanceof TfObject block ? statement(block, file) : element, range);
            }
        }
        Unknown unknownOverrides = mergeDocuments(arguments.get("override_policy_documents"), statements, ranges);
        if (unknownOverrides != null) {
            return unknownOverrides;
        }
        TfList statementList = ranges.contains(null) ? new TfList(statements) : new TfList(statements, ranges);
        document.put("Statement", statementList.from(file), null);
        String json = null;
        if (!Values.containsUnknown(document)) {
            try {
                json = Json.encode(document);
            } catch (EvaluationException e) {
                json = null;
            }
        }
        return new JsonText(json, document);
    }

    /** Merges the statements of a list of JSON documents; returns the unknown that stops it, or null. */
    private static Unknown mergeDocuments(Object documents, List<Object> statements, List<Range> ranges) {
        if (documents instanceof Unknown unknown) {
            return unknown;
        }
        for (Object document : listOf(documents)) {
            Object decoded = decode(document);
            if (decoded instanceof Unknown unknown) {
                return unknown;
            }
            for (Object statement : statementsOf(decoded)) {
                merge(statements, ranges, statement, null);
            }
        }
        return null;
    }

    private static List<Object> listOf(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of();
    }

    private static Object decode(Object json) {
        if (json instanceof JsonText text) {
            return text.structure();
        }
        if (json instanceof Unknown) {
            return json;
        }
        if (json instanceof String text) {
            try {
                return TerraformFunctions.call("jsondecode", List.of(text), null);
            } catch (EvaluationException e) {
                return Unknown.because("policy document is not JSON: " + e.getMessage());
            }
        }
        return Unknown.because("policy document is not a string");
    }

    private static List<Object> statementsOf(Object document) {
        if (document instanceof Map<?, ?> map) {
            Object statements = map.get("Statement");
            if (statements instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            if (statements instanceof Map<?, ?>) {
                return List.of(statements);
            }
        }
        return List.of();
    }

    /** Adds a statement, replacing an earlier one with the same Sid. */
    private static void merge(List<Object> statements, List<Range> ranges, Object statement, Range range) {
        Object sid = statement instanceof Map<?, ?> map ? map.get("Sid") : null;
        if (sid instanceof String text && !text.isEmpty()) {
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i) instanceof Map<?, ?> existing && text.equals(existing.get("Sid"))) {
                    statements.set(i, statement);
                    ranges.set(i, range);
                    return;
                }
            }
        }
        statements.add(statement);
        ranges.add(range);
    }

    /** One statement block into IAM JSON form. */
    private static Object statement(TfObject block, String file) {
        TfObject statement = new TfObject().from(file);
        copy(block, "sid", statement, "Sid");
        Object effect = block.get("effect");
        statement.put("Effect", effect == null ? "Allow" : effect, block.rangeOf("effect"));
        copy(block, "actions", statement, "Action");
        copy(block, "not_actions", statement, "NotAction");
        copy(block, "resources", statement, "Resource");
        copy(block, "not_resources", statement, "NotResource");
        Object principals = principals(block.get("principals"));
        if (principals != null) {
            statement.put("Principal", principals, block.rangeOf("principals"));
        }
        Object notPrincipals = principals(block.get("not_principals"));
        if (notPrincipals != null) {
            statement.put("NotPrincipal", notPrincipals, block.rangeOf("not_principals"));
        }
        Object conditions = block.get("condition");
        if (conditions instanceof Unknown) {
            statement.put("Condition", conditions, block.rangeOf("condition"));
        } else if (conditions instanceof List<?> list && !list.isEmpty()) {
            TfObject condition = new TfObject();
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    Object test = map.get("test");
                    Object variable = map.get("variable");
                    if (test instanceof Unknown || variable instanceof Unknown) {
                        statement.put("Condition", Unknown.because("condition with unknown operator or key"), block.rangeOf("condition"));
                        return statement;
                    }
                    Object operator = condition.get(String.valueOf(test));
                    if (!(operator instanceof TfObject)) {
                        operator = new TfObject();
                        condition.put(String.valueOf(test), operator);
                    }
                    ((TfObject) operator).put(String.valueOf(variable), map.get("values"));
                }
            }
            statement.put("Condition", condition, block.rangeOf("condition"));
        }
        return statement;
    }

    private static void copy(TfObject from, String key, TfObject to, String name) {
        Object value = from.get(key);
        if (value != null) {
            to.put(name, value, from.rangeOf(key));
        }
    }

    private static Object principals(Object blocks) {
        if (blocks instanceof Unknown) {
            return blocks;
        }
        if (!(blocks instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                continue;
            }
            Object type = map.get("type");
            Object identifiers = map.get("identifiers");
            if (type instanceof Unknown) {
                return type;
            }
            if ("*".equals(type) && identifiers instanceof List<?> ids && ids.size() == 1 && "*".equals(ids.get(0))) {
                return "*";
            }
            List<Object> target = byType.computeIfAbsent(String.valueOf(type), key -> new ArrayList<>());
            if (identifiers instanceof List<?> ids) {
                target.addAll(ids);
            } else if (identifiers != null) {
                target.add(identifiers);
            }
        }
        TfObject principal = new TfObject();
        byType.forEach((type, identifiers) -> principal.put(type, new TfList(identifiers)));
        return principal;
    }
}
