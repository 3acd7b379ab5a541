package dev.bulwark.iam.rbac;

import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Suppression;
import dev.bulwark.core.findings.Fingerprints;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.ScanAnalyzer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes RBAC analysis over all manifests of a scan: who can do something dangerous through
 * which binding, role and rule. One finding per subject and risk, at the subject entry of the
 * binding that grants it (the first cluster-wide grant, else the first in a namespace), with the
 * chain subject → binding → role (→ aggregated roles) → rule as evidence and a message that says
 * what the subject can do where.
 *
 * <p>What Kubernetes sets up itself is not reported by default: bindings named {@code system:...}
 * or labelled {@code kubernetes.io/bootstrapping: rbac-defaults}, and component identities named
 * {@code system:...} ({@code system:kube-scheduler}, {@code system:nodes}). A binding of any
 * other subject to a default role, such as cluster-admin, is analyzed. The groups standing for
 * everyone ({@code system:authenticated}, {@code system:serviceaccounts[:NS]}), the anonymous
 * subjects and {@code system:masters} are always looked at. {@link #includingSystem()} reports
 * everything.
 *
 * <p>A binding's {@code bulwark.dev/ignore} annotation suppresses the findings it is the located
 * grant of. Stateless and thread-safe.
 */
public final class RbacAnalyzer implements ScanAnalyzer {
    public static final String NAME = "kubernetes-rbac";
    private static final int MAX_CLAUSES = 5;
    private static final int MAX_NAMESPACES_PER_CLAUSE = 5;

    private final boolean includeSystem;

    private RbacAnalyzer(boolean includeSystem) {
        this.includeSystem = includeSystem;
    }

    /** The analysis as {@code bulwark scan} runs it, leaving out what Kubernetes sets up itself. */
    public RbacAnalyzer() {
        this(false);
    }

    /** An analysis that also reports default bindings and component identities. */
    public static RbacAnalyzer includingSystem() {
        return new RbacAnalyzer(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleInfo> rules() {
        return RbacRuleCatalog.rules();
    }

    @Override
    public Result analyze(List<Resource> resources, Set<String> enabled) {
        RbacModel model = RbacModel.of(resources);
        return new Result(findings(model, enabled), model.warnings());
    }

    /** The findings of the rules in {@code enabled} over {@code model}, in subject and rule order. */
    List<Finding> findings(RbacModel model, Set<String> enabled) {
        RiskDetector detector = new RiskDetector(model);
        Map<String, Resource> bindings = new HashMap<>();
        for (BindingDefinition binding : model.bindings()) {
            bindings.putIfAbsent(bindingKey(binding.kind(), binding.namespace(), binding.name()), binding.resource());
        }
        List<Finding> findings = new ArrayList<>();
        for (RbacSubject subject : model.subjects()) {
            if (!includeSystem && subject.isSystemComponent()) {
                continue;
            }
            List<Permission> permissions = new ArrayList<>();
            for (Permission permission : model.grantedTo(subject)) {
                if (includeSystem || !permission.grant().builtinBinding()) {
                    permissions.add(permission);
                }
            }
            if (permissions.isEmpty()) {
                continue;
            }
            boolean masters = subject.equals(RbacSubject.group(RbacSubject.MASTERS_GROUP));
            for (RbacRisk risk : RbacRisk.values()) {
                // What RBAC grants system:masters does not matter: it passes every check anyway.
                if (!enabled.contains(risk.ruleId()) || masters != (risk == RbacRisk.SYSTEM_MASTERS)) {
                    continue;
                }
                List<RiskDetector.Match> matches = RiskDetector.widestFirst(detector.find(risk, subject, permissions));
                if (!matches.isEmpty()) {
                    findings.add(finding(risk, subject, matches, bindings));
                }
            }
        }
        return findings;
    }

    private static Finding finding(RbacRisk risk, RbacSubject subject, List<RiskDetector.Match> matches,
                                   Map<String, Resource> bindings) {
        RbacRuleCatalog.Entry entry = RbacRuleCatalog.entry(risk);
        RuleInfo info = entry.info();
        RiskDetector.Match located = matches.get(0);
        Permission permission = located.permission();
        Grant grant = permission.grant();
        // system:masters passes every check everywhere: where the binding applies says nothing.
        String what = risk == RbacRisk.SYSTEM_MASTERS ? fill(entry.message(), matches.get(0).detail()) : clauses(entry.message(), matches);
        String message = describe(subject) + " can " + what + " (" + grant.bindingLabel() + ", " + roleChain(grant) + ")";
        String file = grant.subjectLocation().file();
        String fingerprint = Fingerprints.of(info.id(), file, subject.address(), grant.bindingLabel());
        Optional<Suppression> suppression = Optional.empty();
        Resource binding = bindings.get(bindingKey(grant.bindingKind(), grant.bindingNamespace(), grant.bindingName()));
        if (binding != null) {
            Map<String, String> ignored = binding.ignored();
            String reason = ignored.containsKey(info.id()) ? ignored.get(info.id()) : ignored.get("*");
            if (reason != null) {
                suppression = Optional.of(new Suppression(Suppression.Kind.ANNOTATION, reason, Optional.empty(), binding.ref().address()));
            }
        }
        ResourceRef resource = new ResourceRef(subject.kind().label(), subject.address(), subject.name());
        return new Finding(info.id(), info.severity(), FindingType.IDENTITY_RISK, info.title(), message, resource,
                grant.subjectLocation(), grant.subjectPath(), CodeSnippet.empty(), info.remediation(), info.fixFor("kubernetes"),
                info.compliance(), suppression, fingerprint, evidence(subject, risk, located));
    }

    /**
     * One clause per scope, the cluster first: "read Secrets (get, list) cluster-wide; read
     * Secrets (watch) in namespaces a and b". Namespaces adding nothing to the cluster-wide grant
     * are left out; namespaces granting the same are named together.
     */
    static String clauses(String template, List<RiskDetector.Match> matches) {
        Map<Scope, Set<String>> byScope = new TreeMap<>();
        for (RiskDetector.Match match : matches) {
            byScope.computeIfAbsent(match.permission().scope(), key -> new LinkedHashSet<>()).add(match.detail());
        }
        Set<String> clusterWide = byScope.getOrDefault(Scope.CLUSTER, Set.of());
        Map<String, List<String>> namespacesByDetails = new LinkedHashMap<>();
        for (Map.Entry<Scope, Set<String>> scoped : byScope.entrySet()) {
            if (scoped.getKey().isCluster() || clusterWide.containsAll(scoped.getValue())) {
                continue;
            }
            namespacesByDetails.computeIfAbsent(String.join(", ", scoped.getValue()), key -> new ArrayList<>())
                    .add(scoped.getKey().namespace());
        }
        List<String> clauses = new ArrayList<>();
        if (!clusterWide.isEmpty()) {
            clauses.add(fill(template, String.join(", ", clusterWide), Scope.CLUSTER.label()));
        }
        int more = 0;
        for (Map.Entry<String, List<String>> group : namespacesByDetails.entrySet()) {
            if (clauses.size() >= MAX_CLAUSES) {
                more += group.getValue().size();
                continue;
            }
            clauses.add(fill(template, group.getKey(), namespaces(group.getValue())));
        }
        String text = String.join("; ", clauses);
        return more == 0 ? text : text + "; and more in " + more + " other namespaces";
    }

    /** The template with {@code {details}} filled in; the scope goes where {@code {scope}} is, else at the end. */
    private static String fill(String template, String details, String scope) {
        String text = template.replace("{details}", details);
        return text.contains("{scope}") ? text.replace("{scope}", scope) : text + " " + scope;
    }

    private static String fill(String template, String details) {
        return template.replace("{details}", details).replace(" {scope}", "").replace("{scope}", "");
    }

    private static String namespaces(List<String> names) {
        if (names.size() == 1) {
            return "in namespace " + names.get(0);
        }
        if (names.size() <= MAX_NAMESPACES_PER_CLAUSE) {
            return "in namespaces " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return "in namespaces " + String.join(", ", names.subList(0, MAX_NAMESPACES_PER_CLAUSE)) + " and "
                + (names.size() - MAX_NAMESPACES_PER_CLAUSE) + " more";
    }

    /** The subject's label, with who it stands for when that is many identities. */
    static String describe(RbacSubject subject) {
        String label = subject.label();
        if (subject.kind() == RbacSubject.Kind.USER && subject.name().equals(RbacSubject.ANONYMOUS_USER)) {
            return label + " (requests without credentials)";
        }
        if (subject.kind() != RbacSubject.Kind.GROUP) {
            return label;
        }
        String name = subject.name();
        if (name.equals(RbacSubject.UNAUTHENTICATED_GROUP)) {
            return label + " (every request without credentials)";
        }
        if (name.equals(RbacSubject.AUTHENTICATED_GROUP)) {
            return label + " (every user and service account)";
        }
        if (name.equals(RbacSubject.SERVICE_ACCOUNTS_GROUP)) {
            return label + " (every service account)";
        }
        if (name.startsWith(RbacSubject.SERVICE_ACCOUNTS_GROUP + ":")) {
            return label + " (every service account of namespace " + name.substring(RbacSubject.SERVICE_ACCOUNTS_GROUP.length() + 1) + ")";
        }
        return label;
    }

    /** {@code ClusterRole monitoring, aggregated from ClusterRole secrets-part}. */
    private static String roleChain(Grant grant) {
        StringBuilder text = new StringBuilder(grant.role().label());
        if (!grant.aggregatedFrom().isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (RoleRef role : grant.aggregatedFrom()) {
                labels.add(role.label());
            }
            text.append(", aggregated from ").append(String.join(" from ", labels));
        }
        return text.toString();
    }

    /** Subject → binding → role (→ aggregated roles) → rule, plus any other permission the risk needs. */
    private static List<EvidenceStep> evidence(RbacSubject subject, RbacRisk risk, RiskDetector.Match match) {
        Permission permission = match.permission();
        Grant grant = permission.grant();
        List<EvidenceStep> steps = new ArrayList<>();
        String what = risk.capability() + (match.detail().isEmpty() ? "" : " (" + match.detail() + ")");
        steps.add(new EvidenceStep(subject.label(), what + " " + permission.scope().label(),
                grant.bindingLabel() + " " + grant.subjectPath() + " at " + where(grant)));
        steps.add(new EvidenceStep(grant.bindingLabel(), "binds " + grant.role().label() + " " + permission.scope().label(),
                grant.role().where()));
        RoleRef parent = grant.role();
        for (RoleRef aggregated : grant.aggregatedFrom()) {
            steps.add(new EvidenceStep(parent.label(), "aggregates " + aggregated.label() + " (its labels match aggregationRule)",
                    aggregated.where()));
            parent = aggregated;
        }
        steps.add(new EvidenceStep(grant.ruleRole().label(), "rules[" + grant.ruleIndex() + "]: " + permission.rule().summary(),
                grant.ruleLocation().map(at -> at.file() + ":" + at.startLine()).orElse(grant.ruleRole().where())));
        for (Permission supporting : match.supporting()) {
            Grant other = supporting.grant();
            steps.add(new EvidenceStep(subject.label(), "also " + supporting.rule().summary() + " " + supporting.scope().label(),
                    other.bindingLabel() + " (" + other.ruleRole().label() + " rules[" + other.ruleIndex() + "]) at " + where(other)));
        }
        return steps;
    }

    private static String where(Grant grant) {
        return grant.subjectLocation().file() + ":" + grant.subjectLocation().startLine();
    }

    private static String bindingKey(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
