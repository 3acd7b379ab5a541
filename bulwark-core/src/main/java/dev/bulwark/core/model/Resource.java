package dev.bulwark.core.model;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing rules look at: a Kubernetes object, a Dockerfile, later an AWS resource.
 *
 * <p>{@code variables} are the values bound to the rule expression's variables (plain maps, lists,
 * strings, numbers, booleans), built once by the adapter and shared by every rule. {@code ignored}
 * holds rule ids the resource itself suppresses (a Kubernetes annotation), with their reasons.
 *
 * @param target the rule target this resource feeds ({@code kubernetes}, {@code dockerfile})
 * @param kind the kind used to select rules ({@code Deployment}, {@code Dockerfile})
 */
public record Resource(
        String target,
        String kind,
        ResourceRef ref,
        SourceLocation location,
        Map<String, Object> variables,
        LocationIndex locations,
        Map<String, String> ignored) {
    public Resource {
        requireNonNull(target, "target is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(ref, "ref is null");
        requireNonNull(location, "location is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        requireNonNull(locations, "locations is null");
        ignored = Collections.unmodifiableMap(new TreeMap<>(ignored));
    }
}
