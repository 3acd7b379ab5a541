package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark iam rbac} (effective permissions) and the RBAC findings of {@code bulwark scan}. */
class TestIamRbacCommand {
    /** A Role and ClusterRole, bindings to them and to a default role, and a group grant. */
    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: secret-reader
              namespace: payments
            rules:
              - apiGroups: [""]
                resources: ["secrets"]
                verbs: ["get", "list"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: api-reads-secrets
              namespace: payments
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: secret-reader
            subjects:
              - kind: ServiceAccount
                name: api
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: accounts-view
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: view
            subjects:
              - kind: Group
                name: system:serviceaccounts
                apiGroup: rbac.authorization.k8s.io
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: uses-operator-role
              namespace: payments
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: payments-operator
            subjects:
              - kind: User
                name: alice
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void tableListsEachSubjectWithScopeRuleAndGrant() throws IOException {
        write("rbac.yaml", RBAC);
        CliRun run = CliRun.run("iam", "rbac", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("ServiceAccount payments/api\n")
                .containsPattern("in namespace payments +get, list on secrets +RoleBinding payments/api-reads-secrets -> Role payments/secret-reader +"
                        + ".*rbac.yaml:21")
                .containsPattern("cluster-wide +get, list, watch on configmaps, .* +as Group system:serviceaccounts: ClusterRoleBinding accounts-view -> ClusterRole view")
                .contains("Group system:serviceaccounts\n")
                .contains("User alice: no permissions")
                .contains("3 subjects");
        assertThat(run.err()).contains("warning: ").contains("rbac.yaml:42: RoleBinding payments/uses-operator-role refers to ClusterRole "
                + "payments-operator, which is not in the scanned files");
    }

    @Test
    void jsonForOneSubject() throws IOException {
        write("rbac.yaml", RBAC);
        CliRun run = CliRun.run("iam", "rbac", dir.toString(), "--format", "json", "--subject", "serviceaccount:payments:api", "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode subjects = json(run.out()).path("subjects");
        assertThat(subjects).hasSize(1);
        JsonNode subject = subjects.get(0);
        assertThat(subject.path("subject").toString()).isEqualTo("{\"kind\":\"ServiceAccount\",\"namespace\":\"payments\",\"name\":\"api\"}");
        JsonNode first = subject.path("permissions").get(0);
        assertThat(first.path("scope").asText()).isEqualTo("namespace");
        assertThat(first.path("namespace").asText()).isEqualTo("payments");
        assertThat(first.path("resources").toString()).isEqualTo("[\"secrets\"]");
        assertThat(first.path("verbs").toString()).isEqualTo("[\"get\",\"list\"]");
        assertThat(first.path("binding").path("name").asText()).isEqualTo("api-reads-secrets");
        assertThat(first.path("binding").path("subject").asText()).isEqualTo("subjects[0]");
        assertThat(first.path("binding").path("line").asInt()).isEqualTo(21);
        assertThat(first.path("role").path("name").asText()).isEqualTo("secret-reader");
        assertThat(first.path("rule").path("line").asInt()).isEqualTo(7);
        List<String> heldAs = new ArrayList<>();
        subject.path("permissions").forEach(permission -> heldAs.add(permission.path("heldAs").path("name").asText()));
        assertThat(heldAs).contains("api", "system:serviceaccounts");
        JsonNode inherited = subject.path("permissions").get(1);
        assertThat(inherited.path("scope").asText()).isEqualTo("cluster");
        assertThat(inherited.path("role").path("default").asBoolean()).isTrue();
    }

    @Test
    void kubectlListExportsAndStandardInputAreRead() throws IOException {
        String export = """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata:
                      name: ops-admin
                    roleRef:
                      apiGroup: rbac.authorization.k8s.io
                      kind: ClusterRole
                      name: cluster-admin
                    subjects:
                      - kind: Group
                        name: ops
                        apiGroup: rbac.authorization.k8s.io
                """;
        CliRun run = CliRun.withStdin(export, "iam", "rbac", "-", "--subject", "group:ops");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Group ops").containsPattern("cluster-wide +\\* on \\* in \\* +ClusterRoleBinding ops-admin -> ClusterRole cluster-admin +-:13\n")
                .containsPattern("cluster-wide +\\* on paths \\* +ClusterRoleBinding ops-admin");
    }

    @Test
    void systemSubjectsOnlyWhenAsked() throws IOException {
        write("scheduler.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: scheduler-view
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: view
                subjects:
                  - kind: User
                    name: system:kube-scheduler
                """);
        assertThat(CliRun.run("iam", "rbac", dir.toString()).out()).doesNotContain("system:kube-scheduler").contains("0 subjects");
        assertThat(CliRun.run("iam", "rbac", dir.toString(), "--include-system").out()).contains("User system:kube-scheduler\n");
        assertThat(CliRun.run("iam", "rbac", dir.toString(), "--subject", "user:system:kube-scheduler").out())
                .contains("User system:kube-scheduler\n");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        write("rbac.yaml", RBAC);
        CliRun badSubject = CliRun.run("iam", "rbac", dir.toString(), "--subject", "robot:r2d2");
        assertThat(badSubject.exitCode()).isEqualTo(2);
        assertThat(badSubject.err()).contains("--subject: 'robot:r2d2' is not a subject (expected user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME)");
        CliRun badFormat = CliRun.run("iam", "rbac", dir.toString(), "--format", "sarif");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format: expected table or json, not 'sarif'");
        CliRun missing = CliRun.run("iam", "rbac", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("path not found");
        assertThat(CliRun.run("iam", "rbac").exitCode()).isEqualTo(2);
    }

    @Test
    void scanReportsRbacFindingsInEveryFormat() throws IOException {
        write("rbac.yaml", RBAC);
        Path sarif = dir.resolve("out/results.sarif");
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--no-config", "--format", "json",
                "--format", "sarif=" + sarif, "--fail-on", "high");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("refers to ClusterRole payments-operator");
        JsonNode rbac = null;
        for (JsonNode finding : json(run.out()).path("findings")) {
            if (finding.path("unmapped").path("rule_id").asText().equals("BW-K8S-RBAC-002")) {
                rbac = finding;
            }
        }
        assertThat(rbac).as(run.out()).isNotNull();
        assertThat(rbac.path("message").asText()).isEqualTo("ServiceAccount payments/api can read Secrets (get, list) in namespace payments "
                + "(RoleBinding payments/api-reads-secrets, Role payments/secret-reader)");
        assertThat(rbac.path("unmapped").path("location").path("start_line").asInt()).isEqualTo(21);
        assertThat(rbac.path("resources").get(0).path("uid").asText()).isEqualTo("rbac/ServiceAccount/payments/api");
        assertThat(rbac.path("status").asText()).isEqualTo("New");
        String sarifText = Files.readString(sarif);
        assertThat(sarifText).contains("BW-K8S-RBAC-002").contains("Subject can read Secrets");

        CliRun table = CliRun.run("scan", dir.toString(), "--no-progress", "--no-config", "--fail-on", "never");
        assertThat(table.out()).contains("BW-K8S-RBAC-002").contains("L21").contains("rbac/ServiceAccount/payments/api");

        CliRun cis = CliRun.run("scan", dir.toString(), "--no-progress", "--no-config", "--fail-on", "never", "--framework", "cis-kubernetes");
        assertThat(cis.out()).contains("BW-K8S-RBAC-002");
        CliRun disabled = CliRun.run("scan", dir.toString(), "--no-progress", "--no-config", "--fail-on", "never", "--disable", "BW-K8S-RBAC-002");
        assertThat(disabled.out()).doesNotContain("BW-K8S-RBAC-002");
    }

    @Test
    void inlineCommentOnTheSubjectSuppresses() throws IOException {
        write("rbac.yaml", RBAC.replace("  - kind: ServiceAccount\n",
                "  # bulwark:ignore BW-K8S-RBAC-002 reads its own TLS secrets, reviewed\n  - kind: ServiceAccount\n"));
        CliRun run = CliRun.run("scan", dir.toString(), "--no-progress", "--no-config", "--format", "json", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> statuses = new ArrayList<>();
        for (JsonNode finding : json(run.out()).path("findings")) {
            if (finding.path("unmapped").path("rule_id").asText().equals("BW-K8S-RBAC-002")) {
                statuses.add(finding.path("status").asText() + ": " + finding.path("status_detail").asText());
            }
        }
        assertThat(statuses).containsExactly("Suppressed: Suppressed by inline comment");
        assertThat(run.out()).contains("reads its own TLS secrets, reviewed");
    }

    @Test
    void rulesListShowsTheRbacRules() {
        CliRun run = CliRun.run("rules", "list", "--id", "BW-K8S-RBAC-*");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("BW-K8S-RBAC-001").contains("BW-K8S-RBAC-017").contains("17 rules");
    }
}
