package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An IAM action: its service prefix, its name in AWS's casing, its access level, the resource
 * types it acts on, the condition keys it supports and the actions it also needs permission for.
 * An action without resource types supports only {@code "Resource": "*"}.
 */
public record ActionInfo(
        String service,
        String name,
        AccessLevel accessLevel,
        List<ActionResource> resources,
        List<String> conditionKeys,
        List<String> dependentActions) {
    public ActionInfo {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        requireNonNull(accessLevel, "accessLevel is null");
        resources = List.copyOf(resources);
        conditionKeys = List.copyOf(conditionKeys);
        dependentActions = List.copyOf(dependentActions);
    }

    /** The name as a policy writes it, for example {@code s3:GetObject}. */
    public String fullName() {
        return service + ":" + name;
    }

    /** Whether the action names no resource type, so that only {@code "Resource": "*"} applies to it. */
    public boolean acceptsOnlyWildcardResource() {
        return resources.isEmpty();
    }
}
