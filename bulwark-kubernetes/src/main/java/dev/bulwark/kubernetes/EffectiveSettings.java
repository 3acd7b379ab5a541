package dev.bulwark.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What workload rules ask again and again, worked out once per object: for the pod ({@code pod})
 * two flags and the settings it passes on, and for each container ({@code settings}) the settings
 * that decide how it runs, with the pod's securityContext and resources applied to containers that
 * do not set their own, as the kubelet does.
 *
 * <p>Design: CEL pays on every evaluation for each optional chain ({@code a.?b.?c.orValue(d)}),
 * list literal and comprehension, and some 35 rules check each workload; resolved here, the usual
 * check is one field comparison. Every value keeps the path it was read from, so findings land on
 * its line; a value that nothing sets points where the container (or, at pod level, the pod) would
 * set it. Values are kept as written: rules compare them exactly as they compared the raw fields.
 */
final class EffectiveSettings {
    /** A field of the container spec: where it lives, what applies when it is missing, whether the pod's applies. */
    private record Field(String name, List<String> keys, String suffix, Object fallback, boolean inherited) {
        static Field of(String name, boolean inherited, Object fallback, String... keys) {
            return new Field(name, List.of(keys), "." + String.join(".", keys), fallback, inherited);
        }

        /** The value in {@code owner} (a container or pod spec), or null when it is missing. */
        Object read(Map<?, ?> owner) {
            Object current = owner;
            for (String key : keys) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            return current;
        }
    }

    /**
     * In the order of the {@code settings} documentation. Defaults are Kubernetes' own; '' stands
     * for a default that the image or the node decides.
     */
    private static final List<Field> FIELDS = List.of(
            Field.of("imagePullPolicy", false, "", "imagePullPolicy"),
            Field.of("privileged", false, false, "securityContext", "privileged"),
            Field.of("allowPrivilegeEscalation", false, true, "securityContext", "allowPrivilegeEscalation"),
            Field.of("readOnlyRootFilesystem", false, false, "securityContext", "readOnlyRootFilesystem"),
            Field.of("procMount", false, "Default", "securityContext", "procMount"),
            Field.of("runAsNonRoot", true, false, "securityContext", "runAsNonRoot"),
            Field.of("runAsUser", true, "", "securityContext", "runAsUser"),
            Field.of("seccompProfileType", true, "", "securityContext", "seccompProfile", "type"),
            Field.of("appArmorProfileType", true, "", "securityContext", "appArmorProfile", "type"),
            Field.of("seLinuxOptions", true, Map.of(), "securityContext", "seLinuxOptions"),
            Field.of("hostProcess", true, false, "securityContext", "windowsOptions", "hostProcess"),
            Field.of("cpuLimit", true, "", "resources", "limits", "cpu"),
            Field.of("memoryLimit", true, "", "resources", "limits", "memory"),
            Field.of("cpuRequest", true, "", "resources", "requests", "cpu"),
            Field.of("memoryRequest", true, "", "resources", "requests", "memory"));
    private static final FixedMap.Layout POD = layout(List.of("windows", "userNamespace"), true, List.of());
    private static final FixedMap.Layout CONTAINER = layout(List.of("path", "type", "name", "label", "image"), false,
            List.of("capabilities", "probeHosts"));
    private static final FixedMap.Layout CAPABILITIES = new FixedMap.Layout("path", "add", "drop", "dropsAll");
    private static final FixedMap.Layout CAPABILITY = new FixedMap.Layout("name", "value");
    private static final FixedMap.Layout PROBE_HOST = new FixedMap.Layout("handler", "path", "host");
    /** The pod of objects without a pod spec: all defaults. */
    private static final FixedMap NO_POD = podOf(Map.of(), "");
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HOOKS = List.of("postStart", "preStop");
    private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket");

    private EffectiveSettings() {}

    private static FixedMap.Layout layout(List<String> first, boolean inheritedOnly, List<String> last) {
        List<String> keys = new ArrayList<>(first);
        for (Field field : FIELDS) {
            if (field.inherited() || !inheritedOnly) {
                keys.add(field.name());
            }
        }
        keys.addAll(last);
        return new FixedMap.Layout(keys.toArray(String[]::new));
    }

    /**
     * The {@code pod} variable: {@code windows}, {@code userNamespace} and each inherited setting as
     * the pod spec at {@code podSpecPath} writes it (from {@code pod} or {@code default}); the same
     * all-default map for every object without a pod spec.
     */
    static Map<String, Object> pod(Map<?, ?> podSpec, String podSpecPath) {
        return podSpecPath.isEmpty() ? NO_POD : podOf(podSpec, podSpecPath);
    }

    private static FixedMap podOf(Map<?, ?> podSpec, String podSpecPath) {
        Object[] values = new Object[POD.size()];
        int next = 0;
        values[next++] = podSpec.get("os") instanceof Map<?, ?> os && "windows".equals(os.get("name"));
        values[next++] = Boolean.FALSE.equals(podSpec.get("hostUsers"));
        for (Field field : FIELDS) {
            if (field.inherited()) {
                Object value = field.read(podSpec);
                values[next++] = value == null
                        ? new Setting(field.fallback(), podSpecPath, field.suffix(), Setting.DEFAULT)
                        : new Setting(value, podSpecPath, field.suffix(), Setting.POD);
            }
        }
        return POD.of(values);
    }

    /**
     * One entry of the {@code settings} variable for {@code container}, found at {@code path};
     * {@code pod} is what {@link #pod} returned for its pod spec.
     */
    static Map<String, Object> container(Map<?, ?> container, String path, String type, String name, String label,
            Map<String, Object> pod) {
        Object[] values = new Object[CONTAINER.size()];
        int next = 0;
        values[next++] = path;
        values[next++] = type;
        values[next++] = name;
        values[next++] = label;
        values[next++] = image(container.get("image"), path);
        for (Field field : FIELDS) {
            Object value = field.read(container);
            Setting setting;
            if (value != null) {
                setting = new Setting(value, path, field.suffix(), Setting.CONTAINER);
            } else if (field.inherited() && pod.get(field.name()) instanceof Setting inherited && inherited.from().equals(Setting.POD)) {
                setting = inherited;
            } else {
                setting = new Setting(field.fallback(), path, field.suffix(), Setting.DEFAULT);
            }
            values[next++] = setting;
        }
        values[next++] = capabilities(container.get("securityContext"), path + ".securityContext.capabilities");
        values[next++] = probeHosts(container, path);
        return CONTAINER.of(values);
    }

    /** The image reference, '' when it is missing, and '' from {@code unresolvable} when it is a template placeholder. */
    private static Setting image(Object image, String containerPath) {
        if (image == null) {
            return new Setting("", containerPath, ".image", Setting.DEFAULT);
        }
        if (image instanceof String reference && !reference.contains("${") && !reference.contains("{{")) {
            return new Setting(reference, containerPath, ".image", Setting.CONTAINER);
        }
        return new Setting("", containerPath, ".image", Setting.UNRESOLVABLE);
    }

    /** {path, add, drop, dropsAll}; names compare as runtimes compare them, case-insensitively and with or without CAP_. */
    private static Map<String, Object> capabilities(Object securityContext, String path) {
        Object capabilities = securityContext instanceof Map<?, ?> context ? context.get("capabilities") : null;
        Object add = capabilities instanceof Map<?, ?> map ? map.get("add") : null;
        Object drop = capabilities instanceof Map<?, ?> map ? map.get("drop") : null;
        boolean dropsAll = false;
        if (drop instanceof List<?> names) {
            for (Object dropped : names) {
                // Runtimes single out ALL, in any case, to drop everything; CAP_ALL is not ALL.
                dropsAll |= isScalar(dropped) && upperAscii(String.valueOf(dropped)).equals("ALL");
            }
        }
        return CAPABILITIES.of(path, names(add), names(drop), dropsAll);
    }

    private static List<Object> names(Object list) {
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            return List.of();
        }
        List<Object> names = new ArrayList<>(items.size());
        for (Object item : items) {
            if (isScalar(item)) {
                String written = String.valueOf(item);
                names.add(CAPABILITY.of(upperAscii(written).replace("CAP_", ""), written));
            }
        }
        return names;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Number;
    }

    /** Upper-cases ASCII letters only, as CEL's upperAscii does. */
    private static String upperAscii(String text) {
        StringBuilder upper = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (upper == null) {
                    upper = new StringBuilder(text);
                }
                upper.setCharAt(i, (char) (c - 'a' + 'A'));
            }
        }
        return upper == null ? text : upper.toString();
    }

    /**
     * The probes, then the lifecycle hooks, whose httpGet or tcpSocket sets a host other than '',
     * as {handler (e.g. livenessProbe.httpGet, lifecycle.preStop.tcpSocket), path (of the host), host}.
     */
    private static List<Object> probeHosts(Map<?, ?> container, String path) {
        List<Object> hosts = new ArrayList<>(0);
        for (String probe : PROBES) {
            addHosts(container.get(probe), probe, path, hosts);
        }
        if (container.get("lifecycle") instanceof Map<?, ?> lifecycle) {
            for (String hook : HOOKS) {
                addHosts(lifecycle.get(hook), "lifecycle." + hook, path, hosts);
            }
        }
        return hosts.isEmpty() ? List.of() : hosts;
    }

    private static void addHosts(Object handlers, String prefix, String path, List<Object> hosts) {
        if (!(handlers instanceof Map<?, ?> map)) {
            return;
        }
        for (String kind : HANDLERS) {
            Object host = map.get(kind) instanceof Map<?, ?> handler ? handler.get("host") : null;
            if (host != null && !"".equals(host)) {
                String name = prefix + "." + kind;
                hosts.add(PROBE_HOST.of(name, path + "." + name + ".host", host));
            }
        }
    }
}
