package dev.bulwark.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One resolved setting as rules see it, the map {@code {value, path, from}}: the value that applies,
 * where it is written (or where the container would write it when nothing sets it), and whether it
 * comes from the container, the pod or Kubernetes' default.
 *
 * <p>Design: a workload binds a few dozen of these per container, so they are a fixed three-key map
 * rather than a {@code LinkedHashMap} each. Immutable and thread-safe.
 */
final class Setting extends AbstractMap<String, Object> {
    static final String CONTAINER = "container";
    static final String POD = "pod";
    static final String DEFAULT = "default";
    /** A value that is written but cannot be known from the file, such as a template placeholder. */
    static final String UNRESOLVABLE = "unresolvable";

    private final Object value;
    /** The path is {@code owner + field}, joined when a rule asks: few settings are ever reported. */
    private final String owner;
    private final String field;
    private final String from;

    /** A setting of the container or pod spec at path {@code owner}, where it is field {@code field} (e.g. .securityContext.privileged). */
    Setting(Object value, String owner, String field, String from) {
        this.value = requireNonNull(value, "value is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.field = requireNonNull(field, "field is null");
        this.from = requireNonNull(from, "from is null");
    }

    String path() {
        return owner + field;
    }

    String from() {
        return from;
    }

    @Override
    public Object get(Object key) {
        if ("value".equals(key)) {
            return value;
        }
        if ("path".equals(key)) {
            return path();
        }
        if ("from".equals(key)) {
            return from;
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return "value".equals(key) || "path".equals(key) || "from".equals(key);
    }

    @Override
    public int size() {
        return 3;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("value", value);
        entries.put("path", path());
        entries.put("from", from);
        return Collections.unmodifiableMap(entries).entrySet();
    }
}
