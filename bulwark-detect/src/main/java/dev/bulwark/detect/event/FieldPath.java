package dev.bulwark.detect.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.Serializable;

/**
 * A Sigma field name compiled for reading events. Keys of JSON objects may themselves hold dots
 * ({@code annotations."authorization.k8s.io/decision"} in Kubernetes audit events), so a name is
 * resolved against the event, not split blindly: at each object, the whole remaining name is
 * tried as a key first, then each split at a dot from the left, the first split that leads to a
 * value winning. Arrays on the way are looked into element by element, and the values found are
 * gathered into one array ({@code requestObject.spec.containers.securityContext.privileged} reads
 * the flag of every container), which matches when any element matches. Immutable.
 */
public final class FieldPath implements Serializable {
    /** Bounds the work on hostile events: nesting levels followed and values gathered. */
    static final int MAX_DEPTH = 64;
    static final int MAX_GATHERED = 10_000;

    private final String name;
    /** rest[k]: the name from segment k to its end. */
    private final String[] rest;
    /** keys[k][j]: segments k to j joined with dots, the key tried before going down at segment j + 1. */
    private final String[][] keys;

    private FieldPath(String name) {
        this.name = name;
        String[] segments = name.split("\\.", -1);
        int count = Math.min(segments.length, MAX_DEPTH);
        rest = new String[count];
        keys = new String[count][];
        for (int k = 0; k < count; k++) {
            rest[k] = String.join(".", java.util.Arrays.asList(segments).subList(k, segments.length));
            keys[k] = new String[count];
            StringBuilder key = new StringBuilder();
            for (int j = k; j < count; j++) {
                if (j > k) {
                    key.append('.');
                }
                key.append(segments[j]);
                keys[k][j] = key.toString();
            }
        }
    }

    public static FieldPath of(String name) {
        return new FieldPath(requireNonNull(name, "name is null"));
    }

    public String name() {
        return name;
    }

    /** The value at this path in {@code root}, or a missing node. */
    public JsonNode read(JsonNode root) {
        return resolve(root, 0, 0);
    }

    /** The value of the name from segment {@code k} on, below {@code node}; no allocation unless an array is met. */
    private JsonNode resolve(JsonNode node, int k, int depth) {
        if (depth > MAX_DEPTH) {
            return MissingNode.getInstance();
        }
        if (node.isArray()) {
            return gather(node, k, depth);
        }
        if (!node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode whole = node.get(rest[k]);
        if (whole != null) {
            return whole;
        }
        String[] joined = keys[k];
        for (int j = k; j < joined.length - 1; j++) {
            JsonNode child = node.get(joined[j]);
            if (child != null) {
                JsonNode found = resolve(child, j + 1, depth + 1);
                if (!found.isMissingNode()) {
                    return found;
                }
            }
        }
        return MissingNode.getInstance();
    }

    private JsonNode gather(JsonNode array, int k, int depth) {
        ArrayNode values = null;
        for (JsonNode element : array) {
            JsonNode found = resolve(element, k, depth + 1);
            if (found.isMissingNode()) {
                continue;
            }
            if (values == null) {
                values = JsonNodeFactory.instance.arrayNode();
            }
            if (found.isArray()) {
                for (JsonNode value : found) {
                    if (values.size() < MAX_GATHERED) {
                        values.add(value);
                    }
                }
            } else if (values.size() < MAX_GATHERED) {
                values.add(found);
            }
        }
        return values == null ? MissingNode.getInstance() : values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && path.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
