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
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kubernetes manifests (YAML, multi-document, JSON, {@code List} objects, Helm-rendered output)
 * into resources of target {@code kubernetes}. Objects are canonical already, so the object itself
 * is bound as {@code object}; for workloads the adapter also finds the pod spec wherever the kind
 * keeps it and lists every container, volume, environment variable and port with its path, so one
 * rule covers all workload kinds without nested loops, and resolves what many rules ask (each
 * container's effective settings, literal environment values, credential-like names; see
 * {@link EffectiveSettings}) once per object instead of once per rule.
 *
 * <p>Documents without {@code apiVersion} and {@code kind} are not Kubernetes objects and are
 * ignored; unknown kinds and custom resources are kept (rules without {@code kinds} see them).
 * Items of a typed list ({@code DeploymentList}) written without their own kind get it from the
 * list, as the API server omits it there.
 *
 * <p>Stateless and thread-safe.
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
    private static final Map<String, String> CONTAINER_LABELS = Map.of(
            "initContainers", "init container", "containers", "container", "ephemeralContainers", "ephemeral container");
    /** Network policy kinds that apply inside one namespace (Kubernetes, Calico, Cilium). */
    private static final Set<String> NAMESPACED_NETWORK_POLICIES = Set.of("NetworkPolicy", "CiliumNetworkPolicy");
    /** Network policy kinds that can cover every namespace. */
    private static final Set<String> CLUSTER_NETWORK_POLICIES = Set.of(
            "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "GlobalNetworkPolicy",
            "CiliumClusterwideNetworkPolicy");

    private static final FixedMap.Layout LITERAL_ENV = new FixedMap.Layout("path", "container", "name", "value");

    private final YamlReader reader = YamlReader.defaults().withYaml11Booleans();

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
        variables.put("containers", "every container, init container and ephemeral container as "
                + "{path, type, name, label, container}; label reads like 'init container \"setup\"'");
        variables.put("volumes", "every pod volume as {path, name, volume}");
        variables.put("env", "every env entry of every container as {path, container (its label), name, entry}");
        variables.put("ports", "every port of every container as {path, container (its label), port}");
        variables.put("indexes", "[0, 1, ..., n-1] for the longest list in the object, to visit a list with positions: "
                + "indexes.filter(i, i < size(l) && ...).map(i, path + '[' + string(i) + ']') (l.transformList(i, v, ...) does it directly)");
        variables.put("pod", "the pod of a workload (all defaults for other objects): {windows (spec.os.name is windows), "
                + "userNamespace (spec.hostUsers is false)} and, shaped as in settings, what the pod spec writes for each setting "
                + "that containers inherit (runAsNonRoot to memoryRequest)");
        variables.put("settings", "every container's effective settings, in the order of containers: {path, type, name, label, image, "
                + "imagePullPolicy, privileged, allowPrivilegeEscalation, readOnlyRootFilesystem, procMount, runAsNonRoot, runAsUser, "
                + "seccompProfileType, appArmorProfileType, seLinuxOptions, hostProcess, cpuLimit, memoryLimit, cpuRequest, memoryRequest, "
                + "capabilities, probeHosts}; a setting is {value, path, from}: from is 'container', 'pod' (inherited from the pod's "
                + "securityContext or resources, from runAsNonRoot on) or 'default' (value is Kubernetes' default, '' when the image or "
                + "node decides, and path where the container would set it); image is '' from 'unresolvable' when it is a template "
                + "placeholder; capabilities is {path, add, drop: [{name (upper case, without CAP_), value (as written)}], dropsAll}; "
                + "probeHosts lists the probes and lifecycle hooks that set httpGet.host or tcpSocket.host as {handler "
                + "(e.g. lifecycle.preStop.httpGet), path (of the host), host}");
        variables.put("literalEnv", "every env entry that sets a literal string (value, no valueFrom) as "
                + "{path (of the value), container (its label), name, value}");
        variables.put("credentialNames", "env variable names and ConfigMap data keys of the object that read like credentials "
                + "(PASSWORD, TOKEN, API_KEY, dbPassword, ... but not DB_PASSWORD_FILE, SECRET_NAME, tokenTtl, ...) as {name: true}");
        variables.put("inventory", "scan-wide facts: {networkPolicyNamespaces: [namespaces with a namespaced network policy], "
                + "networkPolicyUnscoped: true when a network policy without namespace or a cluster-wide one is in the scan, "
                + "tokenlessServiceAccounts: {'namespace/name', '/name' (no namespace written) and '*/name' keys of "
                + "ServiceAccounts that set automountServiceAccountToken: false}}");
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
        if (fileName.endsWith(".tf.json") || fileName.endsWith(".tfvars.json")) {
            // Terraform's JSON syntax, never a manifest.
            return false;
        }
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
                addObject(file, object, null, resources);
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

    /**
     * Adds {@code object}, or the items of a list object. {@code listKind} is the item kind a typed
     * list ({@code DeploymentList}) implies for items that omit theirs, null outside lists.
     */
    private void addObject(SourceFile file, YamlMap object, String[] listKind, List<Resource> resources) {
        Object kindValue = object.get("kind");
        Object apiVersionValue = object.get("apiVersion");
        if (kindValue == null && apiVersionValue == null && listKind != null) {
            kindValue = listKind[0];
            apiVersionValue = listKind[1];
        }
        if (!(kindValue instanceof String kind) || !(apiVersionValue instanceof String apiVersion)) {
            return;
        }
        if (kind.endsWith("List") && object.get("items") instanceof YamlList items) {
            String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - "List".length());
            String[] implied = itemKind == null || itemKind.isEmpty() ? null : new String[] {itemKind, apiVersion};
            for (Object item : items) {
                if (item instanceof YamlMap itemObject) {
                    addObject(file, itemObject, implied, resources);
                }
            }
            return;
        }
        resources.add(toResource(file, kind, apiVersion, object));
    }

    private Resource toResource(SourceFile file, String kind, String apiVersion, YamlMap object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        String name = metadata.get("name") instanceof String text ? text
                : metadata.get("generateName") instanceof String generated ? generated + "*" : "(unnamed)";
        String namespace = metadata.get("namespace") instanceof String text ? text : "";
        int slash = apiVersion.indexOf('/');
        String group = slash > 0 ? apiVersion.substring(0, slash) : "";
        StringBuilder address = new StringBuilder();
        if (!group.isEmpty()) {
            address.append(group).append('/');
        }
        address.append(kind).append('/');
        if (!namespace.isEmpty()) {
            address.append(namespace).append('/');
        }
        address.append(name);

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

        Map<?, ?> spec = (Map<?, ?>) podSpec;
        Map<String, Object> pod = EffectiveSettings.pod(spec, podSpecPath);
        List<Object> containers = new ArrayList<>();
        List<Object> settings = new ArrayList<>(0);
        List<Object> env = new ArrayList<>();
        List<Object> literalEnv = new ArrayList<>(0);
        List<Object> ports = new ArrayList<>();
        Map<String, Object> credentialNames = new LinkedHashMap<>(0);
        for (String field : CONTAINER_FIELDS) {
            if (!(spec.get(field) instanceof List<?> list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> container)) {
                    continue;
                }
                String path = podSpecPath + "." + field + "[" + i + "]";
                String containerName = container.get("name") instanceof String text ? text : "";
                String label = CONTAINER_LABELS.get(field) + " \"" + containerName + "\"";
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path);
                entry.put("type", field);
                entry.put("name", containerName);
                entry.put("label", label);
                entry.put("container", container);
                containers.add(entry);
                settings.add(EffectiveSettings.container(container, path, field, containerName, label, pod));
                addItems(container.get("env"), path + ".env", label, true, env);
                addItems(container.get("ports"), path + ".ports", label, false, ports);
                addLiteralEnv(container.get("env"), path + ".env", label, literalEnv, credentialNames);
            }
        }
        List<Object> volumes = new ArrayList<>();
        if (spec.get("volumes") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> volume) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("path", podSpecPath + ".volumes[" + i + "]");
                    entry.put("name", volume.get("name") instanceof String text ? text : "");
                    entry.put("volume", volume);
                    volumes.add(entry);
                }
            }
        }

        if (kind.equals("ConfigMap") && object.get("data") instanceof Map<?, ?> data) {
            for (Object key : data.keySet()) {
                addIfCredential(String.valueOf(key), credentialNames);
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
        variables.put("volumes", volumes);
        variables.put("env", env);
        variables.put("ports", ports);
        variables.put("indexes", new Indexes(object));
        variables.put("pod", pod);
        variables.put("settings", settings.isEmpty() ? List.of() : settings);
        variables.put("literalEnv", literalEnv.isEmpty() ? List.of() : literalEnv);
        variables.put("credentialNames", credentialNames.isEmpty() ? Map.of() : credentialNames);

        Span span = object.span();
        YamlLocationIndex locations = new YamlLocationIndex(file.displayPath(), object, span);
        SourceLocation location = locations.locate("");
        return new Resource(TARGET, kind, new ResourceRef(kind, address.toString(), name), location, variables,
                locations, ignoredRules(metadata));
    }

    /** Adds each map of {@code list} as {path, container, name?, entry|port}. */
    private static void addItems(Object list, String path, String label, boolean named, List<Object> into) {
        if (!(list instanceof List<?> items)) {
            return;
        }
        for (int j = 0; j < items.size(); j++) {
            if (items.get(j) instanceof Map<?, ?> item) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path + "[" + j + "]");
                entry.put("container", label);
                if (named) {
                    entry.put("name", item.get("name") instanceof String text ? text : "");
                    entry.put("entry", item);
                } else {
                    entry.put("port", item);
                }
                into.add(entry);
            }
        }
    }

    /** Adds the entries of {@code list} that set a literal string, and their names when they read like credentials. */
    private static void addLiteralEnv(Object list, String path, String label, List<Object> into, Map<String, Object> credentialNames) {
        if (!(list instanceof List<?> items)) {
            return;
        }
        for (int j = 0; j < items.size(); j++) {
            if (items.get(j) instanceof Map<?, ?> item) {
                String name = item.get("name") instanceof String text ? text : "";
                addIfCredential(name, credentialNames);
                if (!item.containsKey("valueFrom") && item.get("value") instanceof String value) {
                    into.add(LITERAL_ENV.of(path + "[" + j + "].value", label, name, value));
                }
            }
        }
    }

    private static void addIfCredential(String name, Map<String, Object> credentialNames) {
        if (!credentialNames.containsKey(name) && CredentialNames.isCredential(name)) {
            credentialNames.put(name, true);
        }
    }

    /**
     * The size of the longest list anywhere in {@code root}. Aliases share values, so each
     * collection is visited once: a document within the alias limit can still describe a tree far
     * larger than its text.
     */
    private static int longestList(Object root) {
        int longest = 0;
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            if (value instanceof Map<?, ?> map) {
                if (seen.add(map)) {
                    pending.addAll(map.values());
                }
            } else if (value instanceof List<?> list && seen.add(list)) {
                longest = Math.max(longest, list.size());
                pending.addAll(list);
            }
        }
        return longest;
    }

    /**
     * The immutable list 0, 1, ..., n-1 as CEL ints for the longest list in an object, without
     * storing it. Built-in rules no longer use it, so n is only measured when a rule asks.
     */
    private static final class Indexes extends AbstractList<Long> {
        private final Object root;
        /** -1 until measured; a race measures twice and writes the same value. */
        private volatile int size = -1;

        Indexes(Object root) {
            this.root = root;
        }

        @Override
        public Long get(int index) {
            int count = size();
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("index " + index + " of " + count);
            }
            return (long) index;
        }

        @Override
        public int size() {
            int count = size;
            if (count < 0) {
                count = longestList(root);
                size = count;
            }
            return count;
        }
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

    /**
     * Scan-wide facts. A namespaced network policy without a namespace is applied to whatever
     * namespace it is deployed in, and a cluster-wide policy can select any namespace; either way
     * no namespace can be called uncovered, so both set {@code networkPolicyUnscoped}.
     */
    @Override
    public Map<String, Object> scanVariables(List<Resource> resources) {
        TreeSet<String> namespaces = new TreeSet<>();
        boolean unscoped = false;
        Map<String, Object> tokenless = new TreeMap<>();
        for (Resource resource : resources) {
            if (!(resource.variables().get("object") instanceof Map<?, ?> object)) {
                continue;
            }
            Object metadata = object.get("metadata");
            String namespace = metadata instanceof Map<?, ?> map && map.get("namespace") instanceof String text ? text : "";
            String kind = resource.kind();
            if (NAMESPACED_NETWORK_POLICIES.contains(kind)) {
                if (namespace.isEmpty()) {
                    unscoped = true;
                } else {
                    namespaces.add(namespace);
                }
            } else if (CLUSTER_NETWORK_POLICIES.contains(kind)) {
                unscoped = true;
            } else if (kind.equals("ServiceAccount") && Boolean.FALSE.equals(object.get("automountServiceAccountToken"))
                    && metadata instanceof Map<?, ?> map && map.get("name") instanceof String name) {
                tokenless.put(namespace + "/" + name, true);
                tokenless.put("*/" + name, true);
            }
        }
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("networkPolicyNamespaces", List.copyOf(namespaces));
        inventory.put("networkPolicyUnscoped", unscoped);
        inventory.put("tokenlessServiceAccounts", Collections.unmodifiableMap(tokenless));
        return Map.of("inventory", Collections.unmodifiableMap(inventory));
    }
}
