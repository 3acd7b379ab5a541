package dev.bulwark.iam.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which permissions of a subject amount to each {@link RbacRisk}.
 *
 * <p>Most risks are a few requests ("create pods", "get nodes/proxy") checked with the
 * authorizer's own matching; a risk counts where the permission's scope can reach the resource
 * (a RoleBinding never reaches nodes, webhooks or other cluster-scoped resources). A rule that
 * grants everything is reported once, as {@link RbacRisk#FULL_CONTROL}, not again as each risk it
 * implies.
 *
 * <p>Names: a rule limited by {@code resourceNames} only reaches the named objects. Where those
 * objects decide the risk, they are looked at: binding a named role is a risk when that role
 * grants a privilege; impersonating or minting tokens for named identities is a risk when those
 * identities hold one (or the group is {@code system:masters}). Named Secrets and named pods are
 * least privilege and not reported; escalating, reaching the kubelet of, or changing webhooks of
 * named objects still is, as the name does not bound what follows.
 *
 * <p>Not thread-safe (it memoizes target look-ups); one per analysis.
 */
final class RiskDetector {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String CERTIFICATES = "certificates.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    /** Signers whose certificates the API server accepts as client credentials. */
    private static final List<String> CLIENT_SIGNERS = List.of(
            "kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet");

    private static final List<String> PUBLIC_INFO_PATHS = List.of("/healthz", "/livez", "/readyz", "/version", "/version/");
    private static final List<String> PUBLIC_INFO_VERBS = List.of("get", "head");

    /** What to do with a matching rule that has resourceNames. */
    private enum Named {
        IGNORE,
        REPORT,
        CHECK_TARGETS
    }

    /** One request a risk is made of; {@code {verbs}} in {@code detail} becomes the matching verbs. */
    private record Probe(String detail, List<String> verbs, String apiGroup, String resource, String subresource,
                         boolean clusterScoped) {}

    /**
     * A permission that amounts to a risk. {@code detail} completes the risk's message ("get, list",
     * "pods"); {@code supporting} are other permissions the risk needs too (CSR approval needs a signer).
     */
    record Match(Permission permission, String detail, List<Permission> supporting) {}

    private final RbacModel model;
    private final Map<RbacSubject, Optional<String>> privileges = new HashMap<>();

    RiskDetector(RbacModel model) {
        this.model = model;
    }

    /** The permissions among {@code permissions} (granted to {@code subject}) that amount to {@code risk}. */
    List<Match> find(RbacRisk risk, RbacSubject subject, List<Permission> permissions) {
        return find(risk, subject, permissions, true);
    }

    /**
     * @param checkTargets whether to look at named targets; false while already judging a target,
     *     so that chains of named grants cannot recurse
     */
    private List<Match> find(RbacRisk risk, RbacSubject subject, List<Permission> permissions, boolean checkTargets) {
        Named named = checkTargets ? Named.CHECK_TARGETS : Named.IGNORE;
        return switch (risk) {
            case FULL_CONTROL -> matching(permissions, permission -> permission.rule().grantsEverything() ? "" : null);
            case READ_SECRETS -> probe(permissions, Named.IGNORE,
                    new Probe("{verbs}", List.of("get", "list", "watch"), "", "secrets", "", false));
            case CREATE_WORKLOADS -> probe(permissions, Named.IGNORE,
                    create("pods", ""), create("deployments", "apps"), create("daemonsets", "apps"),
                    create("statefulsets", "apps"), create("replicasets", "apps"), create("jobs", "batch"),
                    create("cronjobs", "batch"), create("replicationcontrollers", ""));
            case EXEC_INTO_PODS -> probe(permissions, Named.IGNORE,
                    new Probe("exec", List.of("create", "get"), "", "pods", "exec", false),
                    new Probe("attach", List.of("create", "get"), "", "pods", "attach", false),
                    new Probe("ephemeral containers", List.of("update", "patch"), "", "pods", "ephemeralcontainers", false));
            case ESCALATE -> probe(permissions, Named.REPORT,
                    new Probe("Roles", List.of("escalate"), RBAC, "roles", "", false),
                    new Probe("ClusterRoles", List.of("escalate"), RBAC, "clusterroles", "", true));
            case BIND -> probe(permissions, named,
                    new Probe("any Role", List.of("bind"), RBAC, "roles", "", false),
                    // Creating a RoleBinding to a ClusterRole checks bind in the binding's namespace.
                    new Probe("any ClusterRole", List.of("bind"), RBAC, "clusterroles", "", false));
            case IMPERSONATE -> probe(permissions, named,
                    new Probe("any user", List.of("impersonate"), "", "users", "", true),
                    new Probe("any group", List.of("impersonate"), "", "groups", "", true),
                    new Probe("any service account", List.of("impersonate"), "", "serviceaccounts", "", false));
            case NODE_PROXY -> probe(permissions, Named.REPORT,
                    new Probe("{verbs}", List.of("get", "create"), "", "nodes", "proxy", true));
            case SERVICE_ACCOUNT_TOKENS -> probe(permissions, named,
                    new Probe("any service account", List.of("create"), "", "serviceaccounts", "token", false));
            case APPROVE_CERTIFICATES -> certificateApproval(permissions);
            case ADMISSION_WEBHOOKS -> probe(permissions, Named.REPORT,
                    webhook("mutatingwebhookconfigurations"), webhook("validatingwebhookconfigurations"));
            case PERSISTENT_VOLUMES -> probe(permissions, Named.IGNORE,
                    new Probe("", List.of("create"), "", "persistentvolumes", "", true));
            case WILDCARDS -> matching(permissions, permission -> permission.rule().usesWildcard()
                    && !permission.rule().grantsEverything() ? permission.rule().summary() : null);
            case ANONYMOUS_ACCESS -> subject.isAnonymous() ? matching(permissions,
                    permission -> isPublicInfo(permission.rule()) ? null : permission.rule().summary()) : List.of();
            case EVERYONE_DANGEROUS -> subject.isEveryoneGroup() ? privileges(subject, permissions, checkTargets) : List.of();
            case SYSTEM_MASTERS -> subject.equals(RbacSubject.group(RbacSubject.MASTERS_GROUP))
                    ? matching(permissions, permission -> permission.grant().bindingLabel()) : List.of();
            case DEFAULT_SERVICE_ACCOUNT -> subject.kind() == RbacSubject.Kind.SERVICE_ACCOUNT && subject.name().equals("default")
                    ? matching(permissions, permission -> permission.grant().role().label()) : List.of();
        };
    }

    /**
     * Whether a rule only lets callers read the health and version endpoints, which Kubernetes
     * itself opens to anonymous requests (system:public-info-viewer).
     */
    private static boolean isPublicInfo(PolicyRule rule) {
        if (!rule.resources().isEmpty() || rule.nonResourceURLs().isEmpty() || !PUBLIC_INFO_VERBS.containsAll(rule.verbs())) {
            return false;
        }
        return PUBLIC_INFO_PATHS.containsAll(rule.nonResourceURLs());
    }

    private static Probe create(String resource, String apiGroup) {
        return new Probe(resource, List.of("create"), apiGroup, resource, "", false);
    }

    private static Probe webhook(String resource) {
        return new Probe("{verbs} " + resource, List.of("create", "update", "patch", "delete"), ADMISSION, resource, "", true);
    }

    /** How a permission reads in a message, or null when it does not match. */
    private interface Detail {
        String of(Permission permission);
    }

    private static List<Match> matching(List<Permission> permissions, Detail detail) {
        List<Match> matches = new ArrayList<>();
        for (Permission permission : permissions) {
            String text = detail.of(permission);
            if (text != null) {
                matches.add(new Match(permission, text, List.of()));
            }
        }
        return matches;
    }

    private List<Match> probe(List<Permission> permissions, Named named, Probe... probes) {
        List<Match> matches = new ArrayList<>();
        for (Permission permission : permissions) {
            PolicyRule rule = permission.rule();
            if (rule.grantsEverything()) {
                continue;
            }
            for (Probe probe : probes) {
                if (probe.clusterScoped() && !permission.scope().isCluster()) {
                    continue;
                }
                List<String> verbs = new ArrayList<>(probe.verbs().size());
                for (String verb : probe.verbs()) {
                    if (rule.allowsIgnoringName(verb, probe.apiGroup(), probe.resource(), probe.subresource())) {
                        verbs.add(verb);
                    }
                }
                if (verbs.isEmpty()) {
                    continue;
                }
                String detail = probe.detail().replace("{verbs}", String.join(", ", verbs));
                if (!rule.isRestrictedByName()) {
                    matches.add(new Match(permission, detail, List.of()));
                    continue;
                }
                switch (named) {
                    case IGNORE -> {
                        // The names bound the risk to objects chosen on purpose.
                    }
                    case REPORT -> matches.add(new Match(permission,
                            (detail.isEmpty() ? "" : detail + " ") + "named " + String.join(", ", rule.resourceNames()), List.of()));
                    case CHECK_TARGETS -> {
                        List<String> targets = dangerousTargets(probe.resource(), permission);
                        if (!targets.isEmpty()) {
                            matches.add(new Match(permission, String.join("; ", targets), List.of()));
                        }
                    }
                }
            }
        }
        return matches;
    }

    /** The named roles or identities of {@code permission} that hold a privilege, each with what it is. */
    private List<String> dangerousTargets(String resource, Permission permission) {
        List<String> targets = new ArrayList<>();
        Scope scope = permission.scope();
        for (String name : permission.rule().resourceNames()) {
            switch (resource) {
                case "clusterroles" -> model.rulesOf("ClusterRole", "", name)
                        .flatMap(rules -> roleGrants(rules, permission))
                        .ifPresent(what -> targets.add("ClusterRole " + name + " (which grants: " + what + ")"));
                case "roles" -> {
                    for (RoleRef role : model.rolesNamed(name, scope)) {
                        model.rulesOf("Role", role.namespace(), name)
                                .flatMap(rules -> roleGrants(rules, permission))
                                .ifPresent(what -> targets.add(role.label() + " (which grants: " + what + ")"));
                    }
                }
                case "users" -> privilegeOf(RbacSubject.user(name)).ifPresent(what -> targets.add("User " + name + " (who can " + what + ")"));
                case "groups" -> {
                    if (name.equals(RbacSubject.MASTERS_GROUP)) {
                        targets.add("Group system:masters (which bypasses RBAC)");
                    } else {
                        privilegeOf(RbacSubject.group(name)).ifPresent(what -> targets.add("Group " + name + " (who can " + what + ")"));
                    }
                }
                case "serviceaccounts" -> {
                    for (RbacSubject account : serviceAccountsNamed(name, scope)) {
                        privilegeOf(account).ifPresent(what -> targets.add(account.label() + " (who can " + what + ")"));
                    }
                }
                default -> {
                    // No other resource names a target.
                }
            }
        }
        return targets;
    }

    private List<RbacSubject> serviceAccountsNamed(String name, Scope scope) {
        if (!scope.isCluster()) {
            return List.of(RbacSubject.serviceAccount(scope.namespace(), name));
        }
        List<RbacSubject> accounts = new ArrayList<>();
        for (RbacSubject subject : model.subjects()) {
            if (subject.kind() == RbacSubject.Kind.SERVICE_ACCOUNT && subject.name().equals(name)) {
                accounts.add(subject);
            }
        }
        return accounts;
    }

    /** What a role's rules would grant where {@code bindPermission} lets the subject bind it, if that is a privilege. */
    private Optional<String> roleGrants(List<RbacModel.ResolvedRule> rules, Permission bindPermission) {
        RbacSubject nobody = RbacSubject.user("");
        List<Permission> permissions = new ArrayList<>(rules.size());
        for (RbacModel.ResolvedRule rule : rules) {
            permissions.add(new Permission(nobody, bindPermission.scope(), rule.rule(), bindPermission.grant()));
        }
        List<Match> matches = privileges(nobody, permissions, false);
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0).detail());
    }

    /** What {@code target} can do that is worth taking over, memoized. */
    private Optional<String> privilegeOf(RbacSubject target) {
        Optional<String> known = privileges.get(target);
        if (known != null) {
            return known;
        }
        Optional<String> privilege = describe(privileges(target, model.permissionsOf(target), false));
        privileges.put(target, privilege);
        return privilege;
    }

    private static Optional<String> describe(List<Match> matches) {
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        Match first = matches.get(0);
        return Optional.of(first.detail() + " " + first.permission().scope().label());
    }

    /** One match per privilege risk the permissions hold, the detail naming the risk; the widest scope first. */
    private List<Match> privileges(RbacSubject subject, List<Permission> permissions, boolean checkTargets) {
        List<Match> matches = new ArrayList<>();
        for (RbacRisk risk : RbacRisk.values()) {
            if (!risk.isPrivilege()) {
                continue;
            }
            for (Match match : widestFirst(find(risk, subject, permissions, checkTargets))) {
                matches.add(new Match(match.permission(), risk.capability(), match.supporting()));
            }
        }
        return matches;
    }

    /** {@code matches} with cluster-wide ones first, otherwise in their order. */
    static List<Match> widestFirst(List<Match> matches) {
        List<Match> sorted = new ArrayList<>(matches.size());
        for (Match match : matches) {
            if (match.permission().scope().isCluster()) {
                sorted.add(match);
            }
        }
        for (Match match : matches) {
            if (!match.permission().scope().isCluster()) {
                sorted.add(match);
            }
        }
        return sorted;
    }

    /**
     * Approving a CSR takes update on its approval subresource and approve on its signer;
     * approving for a client signer the API server trusts mints credentials for any user or group.
     */
    private static List<Match> certificateApproval(List<Permission> permissions) {
        List<Permission> approvals = new ArrayList<>();
        List<Permission> signers = new ArrayList<>();
        List<String> signerNames = new ArrayList<>();
        for (Permission permission : permissions) {
            PolicyRule rule = permission.rule();
            if (!permission.scope().isCluster() || rule.grantsEverything()) {
                continue;
            }
            if (!rule.isRestrictedByName() && (rule.allowsIgnoringName("update", CERTIFICATES, "certificatesigningrequests", "approval")
                    || rule.allowsIgnoringName("patch", CERTIFICATES, "certificatesigningrequests", "approval"))) {
                approvals.add(permission);
            }
            boolean signs = false;
            for (String signer : CLIENT_SIGNERS) {
                // The API server checks the signer's name and its domain wildcard.
                if (rule.allows("approve", CERTIFICATES, "signers", "", signer) || rule.allows("approve", CERTIFICATES, "signers", "", "kubernetes.io/*")) {
                    signs = true;
                    if (!signerNames.contains(signer)) {
                        signerNames.add(signer);
                    }
                }
            }
            if (signs) {
                signers.add(permission);
            }
        }
        if (approvals.isEmpty() || signers.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        for (Permission approval : approvals) {
            matches.add(new Match(approval, String.join(", ", signerNames), List.of(signers.get(0))));
        }
        return matches;
    }
}
