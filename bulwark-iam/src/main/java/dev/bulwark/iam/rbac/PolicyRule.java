package dev.bulwark.iam.rbac;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole, matched exactly as the Kubernetes RBAC authorizer matches it:
 *
 * <ul>
 *   <li>{@code *} in verbs, apiGroups or resources matches anything there; {@code *} in
 *       resources matches subresources too ({@code pods/exec});
 *   <li>a request for a subresource matches {@code RESOURCE/SUBRESOURCE} or
 *       {@code *}{@code /SUBRESOURCE}; {@code pods/*} is <em>not</em> a wildcard (the authorizer
 *       compares it literally, so it grants no real subresource);
 *   <li>non-empty {@code resourceNames} restrict the rule to requests naming one of those
 *       objects, so requests without a name ({@code list}, {@code watch} of a collection,
 *       {@code create}, {@code deletecollection}) never match it;
 *   <li>{@code nonResourceURLs} match a path exactly, or by prefix when they end in {@code *}.
 * </ul>
 */
public record PolicyRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames,
                         List<String> nonResourceURLs) {
    private static final String ALL = "*";

    public PolicyRule {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /**
     * Whether the rule allows a resource request. {@code subresource} and {@code name} are empty
     * when the request has none.
     */
    public boolean allows(String verb, String apiGroup, String resource, String subresource, String name) {
        return allowsIgnoringName(verb, apiGroup, resource, subresource) && nameMatches(name);
    }

    /** Whether verb, group and resource match; resourceNames are not looked at. */
    public boolean allowsIgnoringName(String verb, String apiGroup, String resource, String subresource) {
        return verbMatches(verb) && contains(apiGroups, apiGroup) && resourceMatches(resource, subresource);
    }

    /** Whether the rule allows a request for a path that is not a resource ({@code /healthz}, {@code /metrics}). */
    public boolean allowsNonResource(String verb, String path) {
        if (!verbMatches(verb)) {
            return false;
        }
        for (String url : nonResourceURLs) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether resourceNames limit the rule to named objects. */
    public boolean isRestrictedByName() {
        return !resourceNames.isEmpty();
    }

    /** Whether the rule grants every verb on every resource of every API group, for any name. */
    public boolean grantsEverything() {
        return verbs.contains(ALL) && apiGroups.contains(ALL) && resources.contains(ALL) && resourceNames.isEmpty();
    }

    /** Whether the rule uses {@code *} in verbs or resources of a resource rule (not of non-resource paths). */
    public boolean usesWildcard() {
        return !resources.isEmpty() && (verbs.contains(ALL) || resources.contains(ALL));
    }

    boolean verbMatches(String verb) {
        return contains(verbs, verb);
    }

    boolean nameMatches(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    private boolean resourceMatches(String resource, String subresource) {
        String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
        for (String ruleResource : resources) {
            if (ruleResource.equals(ALL) || ruleResource.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && ruleResource.length() == subresource.length() + 2
                    && ruleResource.startsWith("*/") && ruleResource.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> values, String value) {
        for (String candidate : values) {
            if (candidate.equals(ALL) || candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A short text: {@code get, list on secrets}, {@code * on deployments, replicasets in apps},
     * {@code get on configmaps named app-config}, {@code get on paths /healthz, /version}. The core
     * group is not named.
     */
    public String summary() {
        StringBuilder text = new StringBuilder(verbs.isEmpty() ? "(no verbs)" : String.join(", ", verbs)).append(" on ");
        if (!resources.isEmpty() || nonResourceURLs.isEmpty()) {
            text.append(resources.isEmpty() ? "(no resources)" : String.join(", ", resources));
            if (apiGroups.isEmpty()) {
                text.append(" in (no API groups)");
            } else if (!(apiGroups.size() == 1 && apiGroups.get(0).isEmpty())) {
                text.append(" in ").append(String.join(", ", displayGroups()));
            }
            if (!resourceNames.isEmpty()) {
                text.append(" named ").append(String.join(", ", resourceNames));
            }
            if (!nonResourceURLs.isEmpty()) {
                text.append(" and ");
            }
        }
        if (!nonResourceURLs.isEmpty()) {
            text.append("paths ").append(String.join(", ", nonResourceURLs));
        }
        return text.toString();
    }

    private List<String> displayGroups() {
        List<String> groups = new ArrayList<>(apiGroups.size());
        for (String group : apiGroups) {
            groups.add(group.isEmpty() ? "core" : group);
        }
        return groups;
    }
}
