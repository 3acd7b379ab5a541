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
    /** Positions of the dots of the name, in order. */
    private final int[] dots;

    private FieldPath(String name) {
        this.name = name;
        int count = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                count++;
            }
        }
        dots = new int[count];
        for (int i = 0, k = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                dots[k++] = i;
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
        JsonNode direct = root.get(name);
        if (direct != null || dots.length == 0) {
            return direct != null ? direct : MissingNode.getInstance();
        }
        return resolve(root, 0, 0);
    }

    /** The value of the name from character {@code start} on, below {@code node}. */
    private JsonNode resolve(JsonNode node, int start, int depth) {
        if (depth > MAX_DEPTH) {
            return MissingNode.getInstance();
        }
        if (node.isArray()) {
            return gather(node, start, depth);
        }
        if (!node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode whole = node.get(start == 0 ? name : name.substring(start));
        if (whole != null) {
            return whole;
        }
        for (int dot : dots) {
            if (dot <= start) {
                continue;
            }
            JsonNode child = node.get(name.substring(start, dot));
            if (child != null) {
                JsonNode found = resolve(child, dot + 1, depth + 1);
                if (!found.isMissingNode()) {
                    return found;
                }
            }
        }
        return MissingNode.getInstance();
    }

    private JsonNode gather(JsonNode array, int start, int depth) {
        ArrayNode values = null;
        for (JsonNode element : array) {
            JsonNode found = resolve(element, start, depth + 1);
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
