package dev.bulwark.kubernetes;

import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlLocationIndex;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kubernetes manifests (YAML, multi-document, JSON, {@code List} objects, Helm-rendered output)
 * into resources of target {@code kubernetes}. Objects are canonical already, so the object itself
 * is bound as {@code object}; for workloads the adapter also finds the pod spec wherever the kind
 * keeps it and lists every container with its path, so one rule covers all workload kinds.
 *
 * <p>Documents without {@code apiVersion} and {@code kind} are not Kubernetes objects and are
 * ignored; unknown kinds and custom resources are kept (rules without {@code kinds} see them).
 * Stateless and thread-safe.
 */
public final class KubernetesAdapter implements SourceAdapter {
    public static final String TARGET = "kubernetes";
    /** Annotation listing rule ids the object suppresses ({@code *} for all), comma-separated. */
    public static final String IGNORE_ANNOTATION = "bulwark.dev/ignore";
    /** Annotation giving the reason for {@link #IGNORE_ANNOTATION}. */
    public static final String IGNORE_REASON_ANNOTATION = "bulwark.dev/ignore-reason";

    private static final Map<String, String> POD_SPEC_PATHS = Map.ofEntries(
            Map.entry("Pod", "spec"),
            Map.entry("PodTemplate", "template.spec"),
            Map.entry("Deployment", "spec.template.spec"),
            Map.entry("StatefulSet", "spec.template.spec"),
            Map.entry("DaemonSet", "spec.template.spec"),
            Map.entry("ReplicaSet", "spec.template.spec"),
            Map.entry("ReplicationController", "spec.template.spec"),
            Map.entry("Job", "spec.template.spec"),
            Map.entry("CronJob", "spec.jobTemplate.spec.template.spec"));
    /** Where custom resources commonly embed a pod template (Argo Rollouts, Knative, ...). */
    private static final List<String> FALLBACK_POD_SPEC_PATHS = List.of(
            "spec.template.spec", "spec.jobTemplate.spec.template.spec", "template.spec");
    private static final List<String> CONTAINER_FIELDS = List.of("initContainers", "containers", "ephemeralContainers");

    private final YamlReader reader = YamlReader.defaults();

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("object", "the whole Kubernetes object as written");
        variables.put("kind", "the object's kind");
        variables.put("podSpec", "the pod spec of a workload, wherever the kind keeps it ({} for other objects)");
        variables.put("podSpecPath", "path of the pod spec, e.g. spec.template.spec (\"\" when there is none)");
        variables.put("podMetadata", "metadata of the pod (the object's for a Pod, the template's otherwise; {} when none)");
        variables.put("podMetadataPath", "path of podMetadata, e.g. spec.template.metadata");
        variables.put("containers", "every container, init container and ephemeral container as {path, type, name, container}");
        variables.put("inventory", "scan-wide facts: {networkPolicyNamespaces: [names of namespaces with a NetworkPolicy]}");
        return variables;
    }

    @Override
    public Map<String, List<String>> kindGroups() {
        List<String> workloads = new ArrayList<>(new TreeSet<>(POD_SPEC_PATHS.keySet()));
        workloads.add("Rollout");
        return Map.of(
                "workload", List.copyOf(workloads),
                "rbac-role", List.of("Role", "ClusterRole"),
                "rbac-binding", List.of("RoleBinding", "ClusterRoleBinding"));
    }

    @Override
    public String builtinRulesFolder() {
        return "bulwark/rules/kubernetes";
    }

    @Override
    public boolean acceptsName(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json");
    }

    @Override
    public boolean acceptsContent(String content) {
        return content.contains("apiVersion") && content.contains("kind");
    }

    @Override
    public AdaptResult adapt(SourceFile file) {
        String content = file.content();
        if (!acceptsContent(content)) {
            return AdaptResult.of(List.of());
        }
        if (content.contains("{{") && isHelmTemplate(file.displayPath())) {
            return new AdaptResult(List.of(), List.of(), List.of(new ScanWarning(file.displayPath(), 0,
                    "skipped: unrendered Helm template; scan the rendered output with 'helm template CHART | bulwark scan -'")));
        }
        YamlReader.Result result = reader.read(content, file.displayPath());
        List<Resource> resources = new ArrayList<>();
        for (YamlDocument document : result.documents()) {
            if (document.root() instanceof YamlMap object) {
                addObject(file, object, resources);
            }
        }
        List<ParseProblem> problems = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        result.error().ifPresent(error -> record(file, error, problems, warnings));
        return new AdaptResult(resources, problems, warnings);
    }

    private static boolean isHelmTemplate(String path) {
        return path.contains("templates/") || path.startsWith("templates");
    }

    private static void record(SourceFile file, YamlException error, List<ParseProblem> problems, List<ScanWarning> warnings) {
        if (error.isLimit()) {
            warnings.add(new ScanWarning(file.displayPath(), error.line(), "skipped the rest of the file: " + error.getMessage()));
        } else {
            problems.add(new ParseProblem(file.displayPath(), error.line(), error.column(), "invalid YAML: " + error.getMessage()));
        }
    }

    private void addObject(SourceFile file, YamlMap object, List<Resource> resources) {
        if (!(object.get("kind") instanceof String kind) || !(object.get("apiVersion") instanceof String)) {
            return;
        }
        if (kind.endsWith("List") && object.get("items") instanceof YamlList items) {
            for (Object item : items) {
                if (item instanceof YamlMap itemObject) {
                    addObject(file, itemObject, resources);
                }
            }
            return;
        }
        resources.add(toResource(file, kind, object));
    }

    private Resource toResource(SourceFile file, String kind, YamlMap object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        String name = metadata.get("name") instanceof String text ? text
                : metadata.get("generateName") instanceof String generated ? generated + "*" : "(unnamed)";
        String namespace = metadata.get("namespace") instanceof String text ? text : "";
        String address = namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;

        String podSpecPath = POD_SPEC_PATHS.getOrDefault(kind, "");
        Object podSpec = podSpecPath.isEmpty() ? null : at(object, podSpecPath);
        if (podSpecPath.isEmpty()) {
            for (String candidate : FALLBACK_POD_SPEC_PATHS) {
                Object found = at(object, candidate);
                if (found instanceof Map<?, ?> spec && spec.get("containers") instanceof List) {
                    podSpecPath = candidate;
                    podSpec = found;
                    break;
                }
            }
        }
        if (!(podSpec instanceof Map)) {
            podSpec = Map.of();
            podSpecPath = "";
        }
        String podMetadataPath = "";
        Object podMetadata = Map.of();
        if (!podSpecPath.isEmpty()) {
            podMetadataPath = podSpecPath.equals("spec") ? "metadata" : podSpecPath.substring(0, podSpecPath.length() - "spec".length()) + "metadata";
            Object found = at(object, podMetadataPath);
            podMetadata = found instanceof Map ? found : Map.of();
        }

        List<Object> containers = new ArrayList<>();
        if (podSpec instanceof Map<?, ?> spec) {
            for (String field : CONTAINER_FIELDS) {
                if (spec.get(field) instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Map<?, ?> container) {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("path", podSpecPath + "." + field + "[" + i + "]");
                            entry.put("type", field);
                            entry.put("name", container.get("name") instanceof String text ? text : "");
                            entry.put("container", container);
                            containers.add(entry);
                        }
                    }
                }
            }
        }

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("object", object);
        variables.put("kind", kind);
        variables.put("podSpec", podSpec);
        variables.put("podSpecPath", podSpecPath);
        variables.put("podMetadata", podMetadata);
        variables.put("podMetadataPath", podMetadataPath);
        variables.put("containers", containers);

        Span span = object.span();
        SourceLocation location = new YamlLocationIndex(file.displayPath(), object, span).locate("");
        return new Resource(TARGET, kind, new ResourceRef(kind, address, name), location, variables,
                new YamlLocationIndex(file.displayPath(), object, span), ignoredRules(metadata));
    }

    private static Map<String, String> ignoredRules(Map<?, ?> metadata) {
        if (!(metadata.get("annotations") instanceof Map<?, ?> annotations)
                || !(annotations.get(IGNORE_ANNOTATION) instanceof String ids)) {
            return Map.of();
        }
        String reason = annotations.get(IGNORE_REASON_ANNOTATION) instanceof String text ? text : "";
        Map<String, String> ignored = new LinkedHashMap<>();
        for (String id : ids.split("[,\\s]+")) {
            if (!id.isBlank()) {
                ignored.put(id.strip().toUpperCase(Locale.ROOT), reason);
            }
        }
        return ignored;
    }

    private static Object at(Map<?, ?> root, String path) {
        Object current = root;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    @Override
    public Map<String, Object> scanVariables(List<Resource> resources) {
        TreeSet<String> namespaces = new TreeSet<>();
        for (Resource resource : resources) {
            if (resource.kind().equals("NetworkPolicy") && resource.variables().get("object") instanceof Map<?, ?> object) {
                Object metadata = object.get("metadata");
                String namespace = metadata instanceof Map<?, ?> map && map.get("namespace") instanceof String text ? text : "default";
                namespaces.add(namespace);
            }
        }
        return Map.of("inventory", Map.of("networkPolicyNamespaces", List.copyOf(namespaces)));
    }
}
