package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An AWS service as the Service Authorization Reference describes it: its action prefix (for
 * example {@code s3}), its display name, and its actions, resource types and condition keys, each
 * list sorted by name case-insensitively. The condition keys are those the service's page lists,
 * which include the few global keys and other services' keys that its actions name.
 */
public record ServiceInfo(
        String prefix,
        String name,
        List<ActionInfo> actions,
        List<ResourceTypeInfo> resourceTypes,
        List<ConditionKeyInfo> conditionKeys) {
    public ServiceInfo {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(name, "name is null");
        actions = List.copyOf(actions);
        resourceTypes = List.copyOf(resourceTypes);
        conditionKeys = List.copyOf(conditionKeys);
    }

    /**
     * The resource type with the given name, compared case-insensitively.
     *
     * @return the type, or empty when the service has none of that name
     */
    public Optional<ResourceTypeInfo> resourceType(String name) {
        for (ResourceTypeInfo resourceType : resourceTypes) {
            if (resourceType.name().equalsIgnoreCase(name)) {
                return Optional.of(resourceType);
            }
        }
        return Optional.empty();
    }
}
