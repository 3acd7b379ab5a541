package dev.bulwark.iam.rbac;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who can do what through the RBAC objects of a scan: Roles, ClusterRoles (with aggregation),
 * RoleBindings and ClusterRoleBindings, resolved into permissions per subject.
 *
 * <p>Aggregation: a ClusterRole with an {@code aggregationRule} holds the rules of every other
 * ClusterRole whose labels match one of its selectors, recursively (a selected role that
 * aggregates brings what it aggregates), each role once however the selectors cycle, plus its
 * own written rules (in an export they are the controller's copy of the union; duplicates are
 * dropped, the aggregated origin is kept). A binding to a role the scan does not define uses
 * Bulwark's summary of the Kubernetes default (cluster-admin, admin, edit, view) or, for any other
 * role, grants nothing known and becomes a warning.
 *
 * <p>Built once by {@link #of}; its answers never change afterwards and it is safe to share
 * between threads.
 */
public final class RbacModel {
    /** Aggregations deeper than this are cut, with a warning; real clusters have two or three levels. */
    private static final int MAX_AGGREGATION_DEPTH = 64;
    /** Rules one aggregated role may collect before the rest is cut, with a warning. */
    private static final int MAX_AGGREGATED_RULES = 100_000;

    /** A rule reached through a role, with the aggregation chain that brought it. */
    record ResolvedRule(PolicyRule rule, List<RoleRef> chain, int index, Optional<SourceLocation> location) {}

    private final Map<String, RoleDefinition> clusterRoles = new TreeMap<>();
    private final Map<String, RoleDefinition> roles = new HashMap<>();
    private final List<BindingDefinition> bindings;
    private final Map<RbacSubject, List<Permission>> granted = new HashMap<>();
    private final Set<RbacSubject> subjects = new TreeSet<>();
    private final List<ScanWarning> warnings = new ArrayList<>();
    // Filled while the model is built and, for roles only named in resourceNames, on first use
    // afterwards: concurrent maps, where a race computes the same value twice.
    private final Map<String, List<ResolvedRule>> resolved = new ConcurrentHashMap<>();
    private final Map<String, List<RoleDefinition>> selections = new ConcurrentHashMap<>();
    /** Set once built: later resolutions no longer add warnings, so the list stays as reported. */
    private volatile boolean built;

    private RbacModel(RbacReader.Objects objects) {
        warnings.addAll(objects.warnings());
        for (RoleDefinition role : objects.roles()) {
            Map<String, RoleDefinition> index = role.kind().equals("ClusterRole") ? clusterRoles : roles;
            String key = roleKey(role.namespace(), role.name());
            RoleDefinition first = index.putIfAbsent(key, role);
            if (first != null) {
                SourceLocation at = role.ref().location().orElseThrow();
                warnings.add(new ScanWarning(at.file(), at.startLine(), role.ref().label() + " is defined more than once; "
                        + "the definition at " + first.ref().where() + " is used"));
            }
        }
        this.bindings = objects.bindings();
        subjects.addAll(objects.serviceAccounts());
        for (BindingDefinition binding : bindings) {
            grant(binding);
        }
        granted.replaceAll((subject, permissions) -> List.copyOf(permissions));
        built = true;
    }

    /**
     * Reads the RBAC objects among {@code resources} (target {@code kubernetes}; others are
     * ignored). Never throws for bad input: what could not be read is in {@link #warnings()}.
     */
    public static RbacModel of(List<Resource> resources) {
        return new RbacModel(RbacReader.read(resources));
    }

    /** Problems found while reading and resolving, such as bindings to roles that are not in the scan; sorted. */
    public List<ScanWarning> warnings() {
        List<ScanWarning> sorted = new ArrayList<>(warnings);
        Collections.sort(sorted);
        return sorted;
    }

    /** Every subject a binding names and every ServiceAccount object, sorted by kind, namespace and name. */
    public List<RbacSubject> subjects() {
        return List.copyOf(subjects);
    }

    /** The permissions bindings grant to {@code subject} by naming it, in binding order; empty when none. */
    public List<Permission> grantedTo(RbacSubject subject) {
        return granted.getOrDefault(subject, List.of());
    }

    /**
     * Everything {@code subject} can do: what bindings grant it, and what they grant the groups
     * Kubernetes puts it in ({@link RbacSubject#memberships()}).
     */
    public List<Permission> permissionsOf(RbacSubject subject) {
        List<Permission> permissions = new ArrayList<>();
        for (RbacSubject holder : subject.memberships()) {
            permissions.addAll(grantedTo(holder));
        }
        return permissions;
    }

    /**
     * Whether the RBAC authorizer allows {@code subject} a resource request, by the permissions of
     * this model.
     *
     * @param apiGroup {@code ""} for the core group
     * @param subresource {@code ""} when the request is for the resource itself
     * @param namespace the request's namespace; {@code ""} for cluster-scoped resources (nodes,
     *     namespaces, ClusterRoles, ...) and for requests across all namespaces
     * @param resourceName the object's name; {@code ""} for requests without one (list, watch of a
     *     collection, create, deletecollection)
     */
    public boolean can(RbacSubject subject, String verb, String apiGroup, String resource, String subresource, String namespace,
                       String resourceName) {
        for (RbacSubject holder : subject.memberships()) {
            for (Permission permission : grantedTo(holder)) {
                if (permission.allows(verb, apiGroup, resource, subresource, namespace, resourceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the RBAC authorizer allows {@code subject} a request for a non-resource path such as {@code /metrics}. */
    public boolean canAccessPath(RbacSubject subject, String verb, String path) {
        for (RbacSubject holder : subject.memberships()) {
            for (Permission permission : grantedTo(holder)) {
                if (permission.allowsNonResource(verb, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    List<BindingDefinition> bindings() {
        return bindings;
    }

    /**
     * The rules of the role {@code kind name} as a binding in {@code namespace} would reach it,
     * or empty when the scan does not define it and it is not a known default.
     */
    Optional<List<ResolvedRule>> rulesOf(String kind, String namespace, String name) {
        Optional<RoleDefinition> role = find(kind, namespace, name);
        return role.map(this::resolve);
    }

    /** The Roles named {@code name} that {@code scope} reaches: the one of its namespace, or those of every namespace. */
    List<RoleRef> rolesNamed(String name, Scope scope) {
        List<RoleRef> found = new ArrayList<>();
        for (RoleDefinition role : roles.values()) {
            if (role.name().equals(name) && scope.covers(role.namespace())) {
                found.add(role.ref());
            }
        }
        found.sort((a, b) -> a.namespace().compareTo(b.namespace()));
        return found;
    }

    private Optional<RoleDefinition> find(String kind, String namespace, String name) {
        if (kind.equals("Role")) {
            return Optional.ofNullable(roles.get(roleKey(namespace, name)));
        }
        RoleDefinition role = clusterRoles.get(roleKey("", name));
        return role != null ? Optional.of(role) : DefaultRoles.clusterRole(name);
    }

    private void grant(BindingDefinition binding) {
        for (BindingDefinition.Subject entry : binding.subjects()) {
            subjects.add(entry.subject());
        }
        Optional<RoleDefinition> role = find(binding.roleKind(), binding.namespace(), binding.roleName());
        if (role.isEmpty()) {
            SourceLocation at = binding.resource().locations().locate("roleRef");
            String roleLabel = binding.roleKind() + " " + (binding.roleKind().equals("Role")
                    ? binding.namespace() + "/" + binding.roleName() : binding.roleName());
            warnings.add(new ScanWarning(at.file(), at.startLine(), binding.kind() + " " + bindingName(binding) + " refers to "
                    + roleLabel + ", which is not in the scanned files; what it grants is not analyzed (scan the role too, "
                    + "e.g. an export from 'kubectl get clusterroles,roles -A -o yaml')"));
            return;
        }
        List<ResolvedRule> rules = resolve(role.get());
        Scope scope = binding.scope();
        for (BindingDefinition.Subject entry : binding.subjects()) {
            List<Permission> permissions = granted.computeIfAbsent(entry.subject(), key -> new ArrayList<>());
            for (ResolvedRule rule : rules) {
                Grant grant = new Grant(binding.kind(), binding.namespace(), binding.name(), entry.path(), entry.location(),
                        binding.builtin(), role.get().ref(), rule.chain(), rule.index(), rule.location());
                permissions.add(new Permission(entry.subject(), scope, rule.rule(), grant));
            }
        }
    }

    private static String bindingName(BindingDefinition binding) {
        return binding.isClusterBinding() ? binding.name() : binding.namespace() + "/" + binding.name();
    }

    private List<ResolvedRule> resolve(RoleDefinition role) {
        String key = role.kind() + "/" + roleKey(role.namespace(), role.name());
        List<ResolvedRule> cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        List<ResolvedRule> rules;
        if (role.aggregated()) {
            Aggregation aggregation = new Aggregation(role);
            aggregation.collect(role, List.of(), 0);
            rules = List.copyOf(aggregation.rules);
        } else {
            rules = new ArrayList<>(role.rules().size());
            for (RoleDefinition.Rule rule : role.rules()) {
                rules.add(new ResolvedRule(rule.rule(), List.of(), rule.index(), rule.location()));
            }
            rules = List.copyOf(rules);
        }
        resolved.put(key, rules);
        return rules;
    }

    /** One role's aggregation: each ClusterRole visited once, rules deduplicated. */
    private final class Aggregation {
        private final RoleDefinition top;
        private final Set<String> visited = new HashSet<>();
        private final Set<PolicyRule> seen = new HashSet<>();
        private final List<ResolvedRule> rules = new ArrayList<>();
        private boolean truncated;

        Aggregation(RoleDefinition top) {
            this.top = top;
            visited.add(top.name());
        }

        /** Adds what {@code role} aggregates (reached through {@code chain}), then its own rules. */
        void collect(RoleDefinition role, List<RoleRef> chain, int depth) {
            if (role.aggregated()) {
                if (depth >= MAX_AGGREGATION_DEPTH) {
                    warn("aggregation deeper than " + MAX_AGGREGATION_DEPTH + " levels below " + role.ref().label() + " was cut");
                    return;
                }
                for (RoleDefinition candidate : selected(role)) {
                    if (visited.contains(candidate.name())) {
                        continue;
                    }
                    visited.add(candidate.name());
                    List<RoleRef> next = new ArrayList<>(chain.size() + 1);
                    next.addAll(chain);
                    next.add(candidate.ref());
                    collect(candidate, List.copyOf(next), depth + 1);
                }
            }
            for (RoleDefinition.Rule rule : role.rules()) {
                if (rules.size() >= MAX_AGGREGATED_RULES) {
                    if (!truncated) {
                        truncated = true;
                        warn(top.ref().label() + " aggregates more than " + MAX_AGGREGATED_RULES + " rules; the rest are not analyzed");
                    }
                    return;
                }
                if (seen.add(rule.rule())) {
                    rules.add(new ResolvedRule(rule.rule(), chain, rule.index(), rule.location()));
                }
            }
        }

        private void warn(String message) {
            if (built) {
                return;
            }
            SourceLocation at = top.ref().location().orElse(SourceLocation.ofLine("", 1));
            warnings.add(new ScanWarning(at.file(), at.startLine(), message));
        }
    }

    /** The other ClusterRoles {@code aggregating} selects, by name; computed once per role. */
    private List<RoleDefinition> selected(RoleDefinition aggregating) {
        List<RoleDefinition> cached = selections.get(aggregating.name());
        if (cached != null) {
            return cached;
        }
        List<RoleDefinition> selected = new ArrayList<>();
        for (RoleDefinition candidate : clusterRoles.values()) {
            if (candidate.name().equals(aggregating.name())) {
                continue;
            }
            for (LabelSelector selector : aggregating.selectors()) {
                if (selector.matches(candidate.labels())) {
                    selected.add(candidate);
                    break;
                }
            }
        }
        selections.put(aggregating.name(), selected);
        return selected;
    }

    private static String roleKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
