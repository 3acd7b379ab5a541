package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A resource type an action can act on: its name (a {@link ResourceTypeInfo#name()} of the same
 * service), whether AWS marks it required, and the condition keys that apply when the action
 * acts on that type. When several resource types of an action are all optional, AWS means that
 * the action takes any one of them.
 */
public record ActionResource(String resourceType, boolean required, List<String> conditionKeys) {
    public ActionResource {
        requireNonNull(resourceType, "resourceType is null");
        conditionKeys = List.copyOf(conditionKeys);
    }
}
