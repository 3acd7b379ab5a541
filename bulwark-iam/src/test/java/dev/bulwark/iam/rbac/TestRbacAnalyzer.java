package dev.bulwark.iam.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.core.Suppression;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.ScanAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RBAC findings on fixture manifests. Each fixture marks the subject entries that must be
 * reported with {@code # expect: RULE, ...}; every other subject of the file (the restricted
 * grants beside the risky ones) must not be.
 */
class TestRbacAnalyzer {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.+)$");
    private static final RbacAnalyzer ANALYZER = new RbacAnalyzer();

    private static Set<String> all() {
        Set<String> ids = new TreeSet<>();
        for (RuleInfo rule : ANALYZER.rules()) {
            ids.add(rule.id());
        }
        return ids;
    }

    private static ScanAnalyzer.Result analyze(String file) {
        return ANALYZER.analyze(TestingManifests.load(file), all());
    }

    private static Finding only(List<Finding> findings, String ruleId, String subjectAddress) {
        List<Finding> matching = findings.stream()
                .filter(finding -> finding.ruleId().equals(ruleId) && finding.resource().address().equals(subjectAddress)).toList();
        assertThat(matching).as(ruleId + " for " + subjectAddress + " in " + findings).hasSize(1);
        return matching.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"risk-full-control", "risk-secrets", "risk-workloads", "risk-exec", "risk-escalate", "risk-bind",
            "risk-impersonate", "risk-node-proxy", "risk-tokens", "risk-csr", "risk-webhooks", "risk-persistent-volumes",
            "risk-wildcards", "risk-anonymous", "risk-everyone", "risk-masters", "risk-default-service-account",
            "risk-aggregated", "system-defaults"})
    void reportsExactlyTheMarkedSubjects(String name) {
        String file = "rbac/" + name + ".yaml";
        Set<String> expected = new TreeSet<>();
        String[] lines = TestingManifests.text(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = EXPECT.matcher(lines[i]);
            if (matcher.find()) {
                for (String id : matcher.group(1).split(",")) {
                    expected.add(id.strip() + " at line " + (i + 1));
                }
            }
        }
        ScanAnalyzer.Result result = analyze(file);
        Set<String> actual = new TreeSet<>();
        for (Finding finding : result.findings()) {
            assertThat(finding.location().file()).isEqualTo(file);
            actual.add(finding.ruleId() + " at line " + finding.location().startLine());
        }
        assertThat(actual).as(result.findings().toString()).isEqualTo(expected);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void everyRuleHasAFixtureThatFiresIt() {
        Set<String> fired = new TreeSet<>();
        for (String name : List.of("risk-full-control", "risk-secrets", "risk-workloads", "risk-exec", "risk-escalate", "risk-bind",
                "risk-impersonate", "risk-node-proxy", "risk-tokens", "risk-csr", "risk-webhooks", "risk-persistent-volumes",
                "risk-wildcards", "risk-anonymous", "risk-everyone", "risk-masters", "risk-default-service-account")) {
            analyze("rbac/" + name + ".yaml").findings().forEach(finding -> fired.add(finding.ruleId()));
        }
        assertThat(fired).isEqualTo(all());
    }

    @Test
    void clusterAdminBindingIsReportedAtTheSubjectWithItsChain() {
        List<Finding> findings = analyze("rbac/risk-full-control.yaml").findings();
        Finding finding = only(findings, "BW-K8S-RBAC-001", "rbac/ServiceAccount/ci/deployer");
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.type()).isEqualTo(FindingType.IDENTITY_RISK);
        assertThat(finding.title()).isEqualTo("Subject has full control (cluster-admin equivalent)");
        assertThat(finding.message()).isEqualTo("ServiceAccount ci/deployer can do anything to every resource cluster-wide "
                + "(ClusterRoleBinding ci-admin, ClusterRole cluster-admin)");
        assertThat(finding.resource().type()).isEqualTo("ServiceAccount");
        assertThat(finding.resource().name()).isEqualTo("deployer");
        assertThat(finding.path()).isEqualTo("subjects[0]");
        assertThat(finding.location().startLine()).isEqualTo(13);
        assertThat(finding.compliance()).containsEntry("cis-kubernetes", List.of("5.1.1"));
        assertThat(finding.fix()).contains("kind: RoleBinding");
        assertThat(finding.evidence()).containsExactly(
                new EvidenceStep("ServiceAccount ci/deployer", "do anything to every resource cluster-wide",
                        "ClusterRoleBinding ci-admin subjects[0] at rbac/risk-full-control.yaml:13"),
                new EvidenceStep("ClusterRoleBinding ci-admin", "binds ClusterRole cluster-admin cluster-wide",
                        "Kubernetes default role, not in the scanned files"),
                new EvidenceStep("ClusterRole cluster-admin", "rules[0]: * on * in *", "Kubernetes default role, not in the scanned files"));

        Finding owner = only(findings, "BW-K8S-RBAC-001", "rbac/User/erin@example.com");
        assertThat(owner.message()).isEqualTo("User erin@example.com can do anything to every resource in namespace shop "
                + "(RoleBinding shop/shop-owner, Role shop/everything)");
        assertThat(owner.evidence().get(2).source()).isEqualTo("rbac/risk-full-control.yaml:23");
    }

    @Test
    void messagesSayWhatAndWhere() {
        List<Finding> secrets = analyze("rbac/risk-secrets.yaml").findings();
        assertThat(only(secrets, "BW-K8S-RBAC-002", "rbac/ServiceAccount/monitoring/collector").message())
                .startsWith("ServiceAccount monitoring/collector can read Secrets (get, list, watch) cluster-wide (");
        assertThat(only(secrets, "BW-K8S-RBAC-002", "rbac/User/gina").message())
                .isEqualTo("User gina can read Secrets (list) in namespace payments (RoleBinding payments/payments-secrets, Role payments/list-secrets)");

        List<Finding> workloads = analyze("rbac/risk-workloads.yaml").findings();
        assertThat(only(workloads, "BW-K8S-RBAC-003", "rbac/ServiceAccount/ci/pipeline").message())
                .startsWith("ServiceAccount ci/pipeline can create workloads (deployments, jobs) in namespace ci (");

        List<Finding> tokens = analyze("rbac/risk-tokens.yaml").findings();
        assertThat(only(tokens, "BW-K8S-RBAC-009", "rbac/User/ben").message())
                .startsWith("User ben can create tokens for ServiceAccount apps/deployer (who can read Secrets in namespace apps) "
                        + "in namespace apps (");

        List<Finding> everyone = analyze("rbac/risk-everyone.yaml").findings();
        assertThat(only(everyone, "BW-K8S-RBAC-015", "rbac/Group/system:serviceaccounts:shop").message())
                .startsWith("Group system:serviceaccounts:shop (every service account of namespace shop) can create workloads in namespace shop (");

        List<Finding> bind = analyze("rbac/risk-bind.yaml").findings();
        assertThat(only(bind, "BW-K8S-RBAC-006", "rbac/User/quinn").message())
                .contains("bind ClusterRole cluster-admin (which grants: do anything to every resource) cluster-wide (");
    }

    @Test
    void widestGrantLocatesTheFinding() {
        String text = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: first, namespace: a}
                roleRef: {kind: ClusterRole, name: reader}
                subjects: [{kind: User, name: max}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: second, namespace: b}
                roleRef: {kind: ClusterRole, name: reader}
                subjects: [{kind: User, name: max}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: everywhere}
                roleRef: {kind: ClusterRole, name: reader}
                subjects: [{kind: User, name: max}]
                """;
        List<Finding> findings = ANALYZER.analyze(TestingManifests.parse("inline.yaml", text), all()).findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).location().startLine()).isEqualTo(22);
        assertThat(findings.get(0).message()).isEqualTo("User max can read Secrets (get) cluster-wide (ClusterRoleBinding everywhere, ClusterRole reader)");

        String namespacesOnly = text.substring(0, text.indexOf("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding"));
        Finding scoped = ANALYZER.analyze(TestingManifests.parse("inline.yaml", namespacesOnly), all()).findings().get(0);
        assertThat(scoped.location().startLine()).isEqualTo(5);
        assertThat(scoped.message()).startsWith("User max can read Secrets (get) in namespaces a and b (RoleBinding a/first,");
    }

    @Test
    void aggregatedGrantsShowTheAggregationInTheEvidence() {
        Finding finding = only(analyze("rbac/risk-aggregated.yaml").findings(), "BW-K8S-RBAC-002", "rbac/User/lena");
        assertThat(finding.message()).isEqualTo("User lena can read Secrets (get) in namespace tickets "
                + "(RoleBinding tickets/lena-supports, ClusterRole support, aggregated from ClusterRole support-secrets)");
        assertThat(finding.evidence()).extracting(EvidenceStep::action).containsExactly(
                "read Secrets (get) in namespace tickets",
                "binds ClusterRole support in namespace tickets",
                "aggregates ClusterRole support-secrets (its labels match aggregationRule)",
                "rules[1]: get on secrets");
        assertThat(finding.evidence().get(3).source()).isEqualTo("rbac/risk-aggregated.yaml:22");
    }

    @Test
    void certificateApprovalNeedsBothPermissions() {
        Finding finding = only(analyze("rbac/risk-csr.yaml").findings(), "BW-K8S-RBAC-010", "rbac/ServiceAccount/pki/approver");
        assertThat(finding.message()).startsWith("ServiceAccount pki/approver can approve certificate signing requests for "
                + "kubernetes.io/kube-apiserver-client cluster-wide");
        assertThat(finding.evidence()).last().satisfies(step -> assertThat(step.action())
                .isEqualTo("also approve on signers in certificates.k8s.io named kubernetes.io/kube-apiserver-client cluster-wide"));
    }

    @Test
    void systemDefaultsAreReportedOnlyWhenAskedFor() {
        List<Resource> resources = TestingManifests.load("rbac/system-defaults.yaml");
        List<Finding> everything = RbacAnalyzer.includingSystem().analyze(resources, all()).findings();
        only(everything, "BW-K8S-RBAC-005", "rbac/ServiceAccount/kube-system/clusterrole-aggregation-controller");
        only(everything, "BW-K8S-RBAC-002", "rbac/User/system:kube-scheduler");
        only(everything, "BW-K8S-RBAC-001", "rbac/Group/ops");
        assertThat(everything).hasSize(3);
    }

    @Test
    void onlyEnabledRulesAreReported() {
        List<Finding> findings = ANALYZER.analyze(TestingManifests.load("rbac/risk-tokens.yaml"), Set.of("BW-K8S-RBAC-009")).findings();
        assertThat(findings).extracting(Finding::ruleId).containsOnly("BW-K8S-RBAC-009");
        assertThat(findings).hasSize(3);
    }

    @Test
    void bindingAnnotationSuppresses() {
        String text = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: break-glass
                  annotations:
                    bulwark.dev/ignore: BW-K8S-RBAC-001
                    bulwark.dev/ignore-reason: emergency access, reviewed quarterly
                roleRef: {kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: Group, name: break-glass}]
                """;
        List<Finding> findings = ANALYZER.analyze(TestingManifests.parse("inline.yaml", text), all()).findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).suppression()).get().satisfies(suppression -> {
            assertThat(suppression.kind()).isEqualTo(Suppression.Kind.ANNOTATION);
            assertThat(suppression.reason()).isEqualTo("emergency access, reviewed quarterly");
        });
    }

    @Test
    void missingRolesAreWarningsNamingTheBinding() {
        ScanAnalyzer.Result result = analyze("rbac/missing-role.yaml");
        assertThat(result.findings()).isEmpty();
        assertThat(result.warnings()).extracting(ScanWarning::toString).containsExactly(
                "rbac/missing-role.yaml:7: RoleBinding shop/uses-missing-role refers to Role shop/not-here, which is not in the "
                        + "scanned files; what it grants is not analyzed (scan the role too, e.g. an export from "
                        + "'kubectl get clusterroles,roles -A -o yaml')",
                "rbac/missing-role.yaml:20: ClusterRoleBinding uses-missing-clusterrole refers to ClusterRole custom-operator, which "
                        + "is not in the scanned files; what it grants is not analyzed (scan the role too, e.g. an export from "
                        + "'kubectl get clusterroles,roles -A -o yaml')",
                "rbac/missing-role.yaml:33: ClusterRoleBinding cluster-binding-to-role has no valid roleRef (kind ClusterRole and a "
                        + "name); it grants nothing");
    }

    @Test
    void hostileInputIsWarnedAboutAndTheRestAnalyzed() {
        List<Resource> resources = TestingManifests.load("rbac/hostile.yaml");
        ScanAnalyzer.Result result = ANALYZER.analyze(resources, all());
        assertThat(result.warnings()).extracting(ScanWarning::message).containsExactly(
                "ClusterRoleBinding subjects-not-a-list: subjects is not a list; the binding grants nothing",
                "ClusterRole rules-not-a-list: rules is not a list; the role grants nothing",
                "ClusterRole odd-rules: rules[0] is not a mapping; ignored (and 2 more problems in this object)",
                "ClusterRoleBinding odd-subjects: subjects[0] is not a mapping; ignored (and 3 more problems in this object)",
                "ClusterRoleBinding no-role-ref has no valid roleRef (kind ClusterRole and a name); it grants nothing",
                "ClusterRole bad-aggregation: aggregationRule.clusterRoleSelectors[0].matchExpressions[0] is not a valid requirement "
                        + "(key, operator In, NotIn, Exists or DoesNotExist, values for In and NotIn only); the selector selects "
                        + "nothing (and 1 more problem in this object)");
        RbacModel model = RbacModel.of(resources);
        RbacSubject olga = RbacSubject.user("olga");
        assertThat(model.can(olga, "get", "", "configmaps", "", "x", "c")).isTrue();
        assertThat(model.can(olga, "get", "", "secrets", "", "x", "s")).as("verbs: \"get\" is no list").isFalse();
        // An empty selector aggregates every other ClusterRole; pia holds them in lab.
        RbacSubject pia = RbacSubject.user("pia");
        assertThat(model.can(pia, "get", "", "configmaps", "", "lab", "c")).isTrue();
        assertThat(model.can(pia, "get", "", "configmaps", "", "other", "c")).isFalse();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void largeInputsAreAnalyzed() {
        StringBuilder role = new StringBuilder("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: huge}
                rules:
                """);
        for (int i = 0; i < 10_000; i++) {
            role.append("  - {apiGroups: [\"example.com\"], resources: [\"widgets").append(i).append("\"], verbs: [get]}\n");
        }
        role.append("  - {apiGroups: [\"\"], resources: [secrets], verbs: [list]}\n");
        StringBuilder bindings = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            bindings.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b").append(i)
                    .append(", namespace: ns").append(i % 100).append("}\nroleRef: {kind: ClusterRole, name: small}\n")
                    .append("subjects: [{kind: ServiceAccount, name: sa").append(i).append("}]\n");
        }
        String small = "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: small}\n"
                + "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [create]}, {apiGroups: [\"\"], resources: [configmaps], verbs: [get]}]\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: huge}\n"
                + "roleRef: {kind: ClusterRole, name: huge}\nsubjects: [{kind: User, name: wide}]\n";
        List<Resource> resources = new ArrayList<>(TestingManifests.parse("huge.yaml", role + small + bindings));
        ScanAnalyzer.Result result = ANALYZER.analyze(resources, all());
        assertThat(result.warnings()).isEmpty();
        assertThat(result.findings()).filteredOn(finding -> finding.ruleId().equals("BW-K8S-RBAC-003")).hasSize(10_000);
        Finding wide = only(result.findings(), "BW-K8S-RBAC-002", "rbac/User/wide");
        assertThat(wide.evidence()).last().satisfies(step -> assertThat(step.action()).isEqualTo("rules[10000]: list on secrets"));
    }

    @Test
    void ruleMetadataIsComplete() {
        List<RuleInfo> rules = ANALYZER.rules();
        assertThat(rules).hasSize(RbacRisk.values().length);
        assertThat(rules).extracting(RuleInfo::id).doesNotHaveDuplicates().allMatch(id -> id.matches("BW-K8S-RBAC-0\\d\\d"));
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.rationale()).isNotBlank();
            assertThat(rule.remediation()).isNotBlank();
            assertThat(rule.fixFor("kubernetes")).isNotBlank();
            assertThat(rule.references()).isNotEmpty().allMatch(reference -> reference.startsWith("https://kubernetes.io/docs/"));
            assertThat(rule.compliance()).containsKey("nist-800-53-r5");
            assertThat(rule.target()).isEqualTo("kubernetes");
        });
        assertThat(rules).filteredOn(rule -> rule.mapsTo("cis-kubernetes"))
                .flatExtracting(rule -> rule.compliance().get("cis-kubernetes"))
                .containsExactlyInAnyOrder("5.1.1", "5.1.2", "5.1.4", "5.1.8", "5.1.8", "5.1.8", "5.1.10", "5.1.13", "5.1.11",
                        "5.1.12", "5.1.9", "5.1.3", "5.1.7", "5.1.5");
    }
}
