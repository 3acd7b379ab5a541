package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.model.ValuePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every IAM policy document inside a resource's properties (identity policies, resource
 * policies, trust policies), with each statement normalized for rules: single values and lists
 * alike become lists, action names lower-cased, principals grouped by kind, and, most important,
 * only what is known. An action list with an unknown element still lists its known actions (the
 * statement grants at least those), and a statement whose condition is unknown counts as
 * conditioned, so a rule never decides on a value nobody can know yet.
 *
 * <p>Each document is {@code {path, kind, document, statements}}, {@code document} being the
 * policy itself as the model holds it (unknown values included) for the IAM functions of the rule
 * engine ({@code iamAllows(d, ...)}: CEL hands the map to them as is), and {@code kind} being {@code trust} (a role's
 * assume-role policy), {@code resource} (statements name principals) or {@code identity}; each
 * statement is {@code {path, sid, effect, actions, notActions, resources, notResources,
 * principals: {aws, service, federated, canonical, any}, notPrincipal, conditioned, conditionKeys,
 * condition, conditionKnown, conditions}}: {@code conditionKnown} is true when the statement has no
 * condition or one without unknown parts, and {@code conditions} lists each known
 * {@code {operator, key (lower case), values}} of the condition.
 *
 * <p>The managed policies a role, user or group attaches ({@code ManagedPolicyArns}) follow the
 * documents as {@code {path, kind: attached, arn, statements: []}}, one per known ARN, so rules
 * can look at the known ARNs of a list that also holds unknown ones (a reference to a policy in
 * the same template).
 */
public final class PolicyFacts {
    private PolicyFacts() {}

    public static List<Object> of(KnownMap properties) {
        List<Object> documents = new ArrayList<>();
        find(properties, "Properties", "", documents, 0);
        attached(properties, documents);
        return documents;
    }

    private static void find(Object value, String path, String key, List<Object> documents, int depth) {
        if (depth > 12) {
            return;
        }
        if (value instanceof KnownMap map) {
            if (map.containsKey("Statement")) {
                documents.add(document(map, path, key));
                return;
            }
            for (String child : map.keyList()) {
                find(map.raw(child), ValuePath.child(path, child), child, documents, depth + 1);
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                find(list.raw(i), ValuePath.index(path, i), key, documents, depth + 1);
            }
        }
    }

    /** The known ARNs of the top-level ManagedPolicyArns as attached-policy entries. */
    private static void attached(KnownMap properties, List<Object> documents) {
        if (!(properties.raw("ManagedPolicyArns") instanceof KnownList arns)) {
            return;
        }
        String listPath = ValuePath.child("Properties", "ManagedPolicyArns");
        for (int i = 0; i < arns.size(); i++) {
            if (arns.raw(i) instanceof String arn) {
                Map<String, Object> fact = new LinkedHashMap<>();
                fact.put("path", ValuePath.index(listPath, i));
                fact.put("kind", "attached");
                fact.put("arn", arn);
                fact.put("statements", List.of());
                documents.add(fact);
            }
        }
    }

    private static Map<String, Object> document(KnownMap document, String path, String key) {
        List<Object> statements = new ArrayList<>();
        Object raw = document.raw("Statement");
        boolean anyPrincipal = false;
        if (raw instanceof KnownMap single) {
            statements.add(statement(single, ValuePath.child(path, "Statement")));
            anyPrincipal = single.containsKey("Principal") || single.containsKey("NotPrincipal");
        } else if (raw instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.raw(i) instanceof KnownMap statement) {
                    statements.add(statement(statement, ValuePath.index(ValuePath.child(path, "Statement"), i)));
                    anyPrincipal |= statement.containsKey("Principal") || statement.containsKey("NotPrincipal");
                }
            }
        }
        String kind = key.equals("AssumeRolePolicyDocument") ? "trust" : anyPrincipal ? "resource" : "identity";
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("path", path);
        fact.put("kind", kind);
        fact.put("document", document);
        fact.put("statements", statements);
        return fact;
    }

    private static Map<String, Object> statement(KnownMap statement, String path) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("path", path);
        fact.put("sid", statement.raw("Sid") instanceof String sid ? sid : "");
        Object effect = statement.raw("Effect");
        fact.put("effect", effect instanceof String text ? text : effect instanceof Unknown ? "Unknown" : "Allow");
        fact.put("actions", lowerStrings(statement.raw("Action")));
        fact.put("notActions", lowerStrings(statement.raw("NotAction")));
        fact.put("resources", strings(statement.raw("Resource")));
        fact.put("notResources", strings(statement.raw("NotResource")));
        fact.put("hasNotAction", statement.containsKey("NotAction"));
        fact.put("hasNotResource", statement.containsKey("NotResource"));
        fact.put("principals", principals(statement.raw("Principal")));
        fact.put("notPrincipal", statement.containsKey("NotPrincipal"));
        Object condition = statement.raw("Condition");
        List<String> conditionKeys = new ArrayList<>();
        boolean conditioned = condition != null;
        if (condition instanceof KnownMap operators) {
            conditioned = !operators.isEmpty();
            for (String operator : operators.keyList()) {
                if (operators.raw(operator) instanceof KnownMap keys) {
                    for (String conditionKey : keys.keyList()) {
                        conditionKeys.add(conditionKey.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        fact.put("conditioned", conditioned);
        fact.put("conditionKeys", conditionKeys);
        fact.put("condition", plain(condition, 0));
        fact.put("conditionKnown", condition == null || fullyKnown(condition, 0));
        fact.put("conditions", conditions(condition));
        return fact;
    }

    /** Whether a value has no unknown part. */
    private static boolean fullyKnown(Object value, int depth) {
        if (depth > 8 || value instanceof Unknown) {
            return false;
        }
        if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                if (!fullyKnown(map.raw(key), depth + 1)) {
                    return false;
                }
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (!fullyKnown(list.raw(i), depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each known operator and key of a condition with its known values: {operator, key (lower case), values}. */
    private static List<Object> conditions(Object condition) {
        List<Object> result = new ArrayList<>();
        if (condition instanceof KnownMap operators) {
            for (String operator : operators.keyList()) {
                if (operators.raw(operator) instanceof KnownMap keys) {
                    for (String conditionKey : keys.keyList()) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("operator", operator);
                        entry.put("key", conditionKey.toLowerCase(Locale.ROOT));
                        entry.put("values", strings(keys.raw(conditionKey)));
                        result.add(entry);
                    }
                }
            }
        }
        return result;
    }

    /** The known strings of a string-or-list value. */
    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (isScalar(value)) {
            result.add(String.valueOf(value));
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (isScalar(list.raw(i))) {
                    result.add(String.valueOf(list.raw(i)));
                }
            }
        }
        return result;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double;
    }

    private static List<String> lowerStrings(Object value) {
        List<String> result = new ArrayList<>();
        for (String text : strings(value)) {
            result.add(text.toLowerCase(Locale.ROOT));
        }
        return result;
    }

    private static Map<String, Object> principals(Object principal) {
        Map<String, Object> fact = new LinkedHashMap<>();
        boolean any = "*".equals(principal);
        List<String> aws = new ArrayList<>();
        List<String> service = new ArrayList<>();
        List<String> federated = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        if (principal instanceof KnownMap map) {
            aws.addAll(strings(map.raw("AWS")));
            service.addAll(strings(map.raw("Service")));
            federated.addAll(strings(map.raw("Federated")));
            canonical.addAll(strings(map.raw("CanonicalUser")));
            any |= aws.contains("*");
        }
        fact.put("any", any);
        fact.put("aws", aws);
        fact.put("service", service);
        fact.put("federated", federated);
        fact.put("canonical", canonical);
        return fact;
    }

    /** A condition as plain maps and lists of known strings (unknown parts dropped), for rules that read its values. */
    private static Object plain(Object value, int depth) {
        if (depth > 6 || value == null || value instanceof Unknown) {
            return Map.of();
        }
        if (value instanceof KnownMap map) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (String key : map.keyList()) {
                Object element = map.raw(key);
                if (element instanceof KnownMap) {
                    result.put(key, plain(element, depth + 1));
                } else {
                    result.put(key, strings(element));
                }
            }
            return result;
        }
        return Map.of();
    }
}
