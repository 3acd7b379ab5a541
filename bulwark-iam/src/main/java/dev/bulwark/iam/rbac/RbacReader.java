package dev.bulwark.iam.rbac;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads RBAC objects and service accounts out of Kubernetes resources (target {@code kubernetes},
 * the object as plain maps and lists). Whatever the API server would reject is skipped with a
 * warning rather than guessed at: a rule whose verbs are not a list grants nothing here, as it
 * could never have been applied.
 *
 * <p>A namespaced object without {@code metadata.namespace} is read as being in {@code default},
 * where {@code kubectl apply} puts it unless told otherwise.
 */
final class RbacReader {
    static final String DEFAULT_NAMESPACE = "default";
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io/";
    private static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";

    /** What was read, in the order of the resources. */
    record Objects(List<RoleDefinition> roles, List<BindingDefinition> bindings, List<RbacSubject> serviceAccounts,
                   List<ScanWarning> warnings) {}

    private final List<RoleDefinition> roles = new ArrayList<>();
    private final List<BindingDefinition> bindings = new ArrayList<>();
    private final List<RbacSubject> serviceAccounts = new ArrayList<>();
    private final List<ScanWarning> warnings = new ArrayList<>();

    private RbacReader() {}

    static Objects read(List<Resource> resources) {
        RbacReader reader = new RbacReader();
        for (Resource resource : resources) {
            if (resource.target().equals("kubernetes") && resource.variables().get("object") instanceof Map<?, ?> object) {
                reader.add(resource, object);
            }
        }
        return new Objects(reader.roles, reader.bindings, reader.serviceAccounts, reader.warnings);
    }

    private void add(Resource resource, Map<?, ?> object) {
        String apiVersion = object.get("apiVersion") instanceof String text ? text : "";
        String kind = resource.kind();
        if (kind.equals("ServiceAccount") && apiVersion.equals("v1")) {
            Map<?, ?> metadata = map(object.get("metadata"));
            if (metadata.get("name") instanceof String name && !name.isEmpty()) {
                serviceAccounts.add(RbacSubject.serviceAccount(namespaceOf(metadata), name));
            }
            return;
        }
        if (!apiVersion.startsWith(RBAC_GROUP)) {
            return;
        }
        switch (kind) {
            case "Role", "ClusterRole" -> addRole(resource, object, kind);
            case "RoleBinding", "ClusterRoleBinding" -> addBinding(resource, object, kind);
            default -> {
                // Other RBAC kinds (lists are split by the adapter) grant nothing.
            }
        }
    }

    private void addRole(Resource resource, Map<?, ?> object, String kind) {
        Map<?, ?> metadata = map(object.get("metadata"));
        if (!(metadata.get("name") instanceof String name) || name.isEmpty()) {
            warn(resource, "", kind + " without metadata.name is ignored");
            return;
        }
        String namespace = kind.equals("Role") ? namespaceOf(metadata) : "";
        RoleRef ref = new RoleRef(kind, namespace, name, Optional.of(resource.location()));
        List<String> problems = new ArrayList<>();
        List<RoleDefinition.Rule> rules = readRules(object.get("rules"), "rules", resource, problems);
        boolean aggregated = false;
        List<LabelSelector> selectors = new ArrayList<>();
        if (kind.equals("ClusterRole") && object.get("aggregationRule") instanceof Map<?, ?> aggregation) {
            aggregated = true;
            Object list = aggregation.get("clusterRoleSelectors");
            if (list instanceof List<?> entries) {
                for (int i = 0; i < entries.size(); i++) {
                    readSelector(entries.get(i), "aggregationRule.clusterRoleSelectors[" + i + "]", problems).ifPresent(selectors::add);
                }
            } else if (list != null) {
                problems.add("aggregationRule.clusterRoleSelectors is not a list; the role aggregates nothing");
            }
        }
        report(resource, ref.label(), problems);
        roles.add(new RoleDefinition(ref, labels(metadata), rules, aggregated, selectors));
    }

    /** The rules of a role; {@code list} must be a list of maps whose fields are lists of strings. */
    static List<RoleDefinition.Rule> readRules(Object list, String path, Resource resource, List<String> problems) {
        List<RoleDefinition.Rule> rules = new ArrayList<>();
        if (list == null) {
            return rules;
        }
        if (!(list instanceof List<?> entries)) {
            problems.add(path + " is not a list; the role grants nothing");
            return rules;
        }
        for (int i = 0; i < entries.size(); i++) {
            String rulePath = path + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add(rulePath + " is not a mapping; ignored");
                continue;
            }
            List<List<String>> fields = new ArrayList<>(5);
            boolean valid = true;
            for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                Optional<List<String>> values = strings(entry.get(field));
                if (values.isEmpty()) {
                    problems.add(rulePath + "." + field + " is not a list of strings; the rule is ignored");
                    valid = false;
                    break;
                }
                fields.add(values.get());
            }
            if (!valid) {
                continue;
            }
            PolicyRule rule = new PolicyRule(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4));
            Optional<SourceLocation> location = resource == null ? Optional.empty() : Optional.of(resource.locations().locate(rulePath));
            rules.add(new RoleDefinition.Rule(rule, i, location));
        }
        return rules;
    }

    private static Optional<LabelSelector> readSelector(Object value, String path, List<String> problems) {
        if (!(value instanceof Map<?, ?> selector)) {
            problems.add(path + " is not a mapping; it selects nothing");
            return Optional.empty();
        }
        Map<String, String> matchLabels = new LinkedHashMap<>();
        if (selector.get("matchLabels") instanceof Map<?, ?> labels) {
            labels.forEach((key, labelValue) -> matchLabels.put(String.valueOf(key), scalar(labelValue)));
        } else if (selector.get("matchLabels") != null) {
            problems.add(path + ".matchLabels is not a mapping; the selector selects nothing");
            return Optional.empty();
        }
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        Object expressions = selector.get("matchExpressions");
        if (expressions instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<LabelSelector.Requirement> requirement = readRequirement(list.get(i));
                if (requirement.isEmpty()) {
                    problems.add(path + ".matchExpressions[" + i + "] is not a valid requirement (key, operator In, NotIn, Exists "
                            + "or DoesNotExist, values for In and NotIn only); the selector selects nothing");
                    return Optional.empty();
                }
                requirements.add(requirement.get());
            }
        } else if (expressions != null) {
            problems.add(path + ".matchExpressions is not a list; the selector selects nothing");
            return Optional.empty();
        }
        return Optional.of(new LabelSelector(matchLabels, requirements));
    }

    private static Optional<LabelSelector.Requirement> readRequirement(Object value) {
        if (!(value instanceof Map<?, ?> expression) || !(expression.get("key") instanceof String key)
                || !(expression.get("operator") instanceof String operatorName)) {
            return Optional.empty();
        }
        LabelSelector.Operator operator;
        switch (operatorName) {
            case "In" -> operator = LabelSelector.Operator.IN;
            case "NotIn" -> operator = LabelSelector.Operator.NOT_IN;
            case "Exists" -> operator = LabelSelector.Operator.EXISTS;
            case "DoesNotExist" -> operator = LabelSelector.Operator.DOES_NOT_EXIST;
            default -> {
                return Optional.empty();
            }
        }
        Optional<List<String>> values = strings(expression.get("values"));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        boolean needsValues = operator == LabelSelector.Operator.IN || operator == LabelSelector.Operator.NOT_IN;
        if (needsValues == values.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LabelSelector.Requirement(key, operator, new HashSet<>(values.get())));
    }

    private void addBinding(Resource resource, Map<?, ?> object, String kind) {
        Map<?, ?> metadata = map(object.get("metadata"));
        if (!(metadata.get("name") instanceof String name) || name.isEmpty()) {
            warn(resource, "", kind + " without metadata.name is ignored");
            return;
        }
        boolean cluster = kind.equals("ClusterRoleBinding");
        String namespace = cluster ? "" : namespaceOf(metadata);
        String label = kind + " " + (cluster ? name : namespace + "/" + name);
        Map<?, ?> roleRef = map(object.get("roleRef"));
        String roleKind = roleRef.get("kind") instanceof String text ? text : "";
        String roleName = roleRef.get("name") instanceof String text ? text : "";
        if (roleName.isEmpty() || !(roleKind.equals("ClusterRole") || roleKind.equals("Role") && !cluster)) {
            warn(resource, "roleRef", label + " has no valid roleRef (kind ClusterRole" + (cluster ? "" : " or Role")
                    + " and a name); it grants nothing");
            return;
        }
        List<String> problems = new ArrayList<>();
        List<BindingDefinition.Subject> subjects = new ArrayList<>();
        Object list = object.get("subjects");
        if (list instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                String path = "subjects[" + i + "]";
                readSubject(entries.get(i), path, namespace, cluster, problems)
                        .ifPresent(subject -> subjects.add(new BindingDefinition.Subject(subject, path, resource.locations().locate(path))));
            }
        } else if (list != null) {
            problems.add("subjects is not a list; the binding grants nothing");
        }
        report(resource, label, problems);
        bindings.add(new BindingDefinition(kind, namespace, name, roleKind, roleName, subjects, isBuiltin(name, metadata), resource));
    }

    private static Optional<RbacSubject> readSubject(Object value, String path, String bindingNamespace, boolean cluster,
                                                     List<String> problems) {
        if (!(value instanceof Map<?, ?> entry)) {
            problems.add(path + " is not a mapping; ignored");
            return Optional.empty();
        }
        String kind = entry.get("kind") instanceof String text ? text : "";
        String name = entry.get("name") instanceof String text ? text : "";
        String namespace = entry.get("namespace") instanceof String text ? text : "";
        if (name.isEmpty()) {
            problems.add(path + " has no name; ignored");
            return Optional.empty();
        }
        switch (kind) {
            case "User":
                return Optional.of(RbacSubject.of(RbacSubject.Kind.USER, "", name));
            case "Group":
                return Optional.of(RbacSubject.group(name));
            case "ServiceAccount":
                if (namespace.isEmpty() && cluster) {
                    problems.add(path + " is a ServiceAccount without namespace in a ClusterRoleBinding; it matches no service account");
                    return Optional.empty();
                }
                // In a RoleBinding a service account without namespace is one of the binding's namespace.
                return Optional.of(RbacSubject.serviceAccount(namespace.isEmpty() ? bindingNamespace : namespace, name));
            default:
                problems.add(path + " has kind '" + kind + "' (expected User, Group or ServiceAccount); ignored");
                return Optional.empty();
        }
    }

    /** Whether Kubernetes creates the object itself: named {@code system:...} or labelled as a bootstrap default. */
    static boolean isBuiltin(String name, Map<?, ?> metadata) {
        return name.startsWith("system:") || "rbac-defaults".equals(labels(metadata).get(BOOTSTRAP_LABEL));
    }

    private void report(Resource resource, String label, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        int others = problems.size() - 1;
        String more = "";
        if (others == 1) {
            more = " (and 1 more problem in this object)";
        } else if (others > 1) {
            more = " (and " + others + " more problems in this object)";
        }
        warn(resource, "", label + ": " + problems.get(0) + more);
    }

    private void warn(Resource resource, String path, String message) {
        SourceLocation location = path.isEmpty() ? resource.location() : resource.locations().locate(path);
        warnings.add(new ScanWarning(location.file(), location.startLine(), message));
    }

    private static String namespaceOf(Map<?, ?> metadata) {
        return metadata.get("namespace") instanceof String namespace && !namespace.isEmpty() ? namespace : DEFAULT_NAMESPACE;
    }

    static Map<String, String> labels(Map<?, ?> metadata) {
        if (!(metadata.get("labels") instanceof Map<?, ?> labels)) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        labels.forEach((key, value) -> result.put(String.valueOf(key), scalar(value)));
        return result;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    /** A list of scalars as strings; absent is empty; anything else is empty optional. */
    private static Optional<List<String>> strings(Object value) {
        if (value == null) {
            return Optional.of(List.of());
        }
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof Map || element instanceof List) {
                return Optional.empty();
            }
            if (element != null) {
                result.add(scalar(element));
            }
        }
        return Optional.of(result);
    }

    private static String scalar(Object value) {
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value).toLowerCase(Locale.ROOT);
        }
        return value == null ? "" : String.valueOf(value);
    }

}
