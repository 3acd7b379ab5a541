package dev.bulwark.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Manifests in, resources out: what rules see and where findings land. */
class TestKubernetesAdapter {
    private final KubernetesAdapter adapter = new KubernetesAdapter();

    /** One expected resource: its kind, address, pod spec path, container paths and source lines. */
    record Expected(String kind, String address, String podSpecPath, List<String> containerPaths, int line,
            int firstContainerLine) {
        static Expected object(String kind, String address, int line) {
            return new Expected(kind, address, "", List.of(), line, 0);
        }
    }

    record Case(String name, String file, String content, List<Expected> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("deployment", "deploy.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: api
                          namespace: shop
                        spec:
                          template:
                            spec:
                              initContainers:
                                - name: migrate
                                  image: migrate:1
                              containers:
                                - name: api
                                  image: api:1
                                - name: proxy
                                  image: proxy:1
                        """, List.of(new Expected("Deployment", "apps/Deployment/shop/api", "spec.template.spec",
                        List.of("spec.template.spec.initContainers[0]", "spec.template.spec.containers[0]",
                                "spec.template.spec.containers[1]"), 1, 10))),
                new Case("multi-document stream with empty and comment-only documents", "all.yaml", """
                        # leading comment
                        ---
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: web
                        spec:
                          containers:
                            - name: web
                              image: nginx:1.27
                          ephemeralContainers:
                            - name: debug
                              image: busybox:1.36
                        ---
                        ---
                        # only a comment
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                          namespace: shop
                        spec:
                          ports: [{port: 80}]
                        """, List.of(
                        new Expected("Pod", "Pod/web", "spec", List.of("spec.containers[0]", "spec.ephemeralContainers[0]"), 3, 9),
                        Expected.object("Service", "Service/shop/web", 18))),
                new Case("JSON manifest indented with tabs", "pod.json", """
                        {
                        \t"apiVersion": "v1",
                        \t"kind": "Pod",
                        \t"metadata": {"name": "json-pod", "namespace": "ops"},
                        \t"spec": {
                        \t\t"containers": [
                        \t\t\t{"name": "main", "image": "busybox:1.36"}
                        \t\t]
                        \t}
                        }
                        """, List.of(new Expected("Pod", "Pod/ops/json-pod", "spec", List.of("spec.containers[0]"), 1, 7))),
                new Case("List object", "list.yaml", """
                        apiVersion: v1
                        kind: List
                        items:
                          - apiVersion: v1
                            kind: ConfigMap
                            metadata:
                              name: settings
                              namespace: shop
                            data: {a: b}
                          - apiVersion: batch/v1
                            kind: Job
                            metadata:
                              name: once
                            spec:
                              template:
                                spec:
                                  containers:
                                    - name: task
                                      image: task:1
                        """, List.of(
                        Expected.object("ConfigMap", "ConfigMap/shop/settings", 4),
                        new Expected("Job", "batch/Job/once", "spec.template.spec", List.of("spec.template.spec.containers[0]"), 10, 18))),
                new Case("typed list whose items omit kind and apiVersion, as the API returns them", "deployments.json", """
                        {"apiVersion": "apps/v1", "kind": "DeploymentList", "items": [
                          {"metadata": {"name": "a", "namespace": "x"},
                           "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "c:1"}]}}}},
                          {"metadata": {"name": "b", "namespace": "x"},
                           "spec": {"template": {"spec": {"containers": [{"name": "d", "image": "d:1"}]}}}}
                        ]}
                        """, List.of(
                        new Expected("Deployment", "apps/Deployment/x/a", "spec.template.spec", List.of("spec.template.spec.containers[0]"), 2, 3),
                        new Expected("Deployment", "apps/Deployment/x/b", "spec.template.spec", List.of("spec.template.spec.containers[0]"), 4, 5))),
                new Case("CronJob keeps its pod spec two templates down", "cron.yaml", """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata:
                          name: nightly
                          namespace: ops
                        spec:
                          schedule: "0 3 * * *"
                          jobTemplate:
                            spec:
                              template:
                                spec:
                                  restartPolicy: OnFailure
                                  containers:
                                    - name: job
                                      image: job:1
                        """, List.of(new Expected("CronJob", "batch/CronJob/ops/nightly", "spec.jobTemplate.spec.template.spec",
                        List.of("spec.jobTemplate.spec.template.spec.containers[0]"), 1, 14))),
                new Case("custom resource with an embedded pod template", "rollout.yaml", """
                        apiVersion: argoproj.io/v1alpha1
                        kind: Rollout
                        metadata:
                          name: canary
                          namespace: shop
                        spec:
                          strategy:
                            canary: {steps: [{setWeight: 20}]}
                          template:
                            metadata:
                              labels: {app: canary}
                            spec:
                              containers:
                                - name: app
                                  image: app:2
                        """, List.of(new Expected("Rollout", "argoproj.io/Rollout/shop/canary", "spec.template.spec",
                        List.of("spec.template.spec.containers[0]"), 1, 14))),
                new Case("Knative Service: a pod template found where custom resources usually keep it", "ksvc.yaml", """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata:
                          name: hello
                        spec:
                          template:
                            spec:
                              containers:
                                - image: ghcr.io/knative/helloworld-go:latest
                        """, List.of(new Expected("Service", "serving.knative.dev/Service/hello", "spec.template.spec",
                        List.of("spec.template.spec.containers[0]"), 1, 9))),
                new Case("unknown kinds are kept, without a pod spec", "crd.yaml", """
                        apiVersion: cert-manager.io/v1
                        kind: Certificate
                        metadata:
                          name: web-tls
                          namespace: edge
                        spec:
                          secretName: web-tls
                          dnsNames: [web.example.com]
                        """, List.of(Expected.object("Certificate", "cert-manager.io/Certificate/edge/web-tls", 1))),
                new Case("YAML that is not a Kubernetes object is ignored", "values.yaml", """
                        replicaCount: 2
                        image:
                          repository: nginx
                          tag: "1.27"
                        kind: notes
                        ---
                        apiVersion: v2
                        name: chart
                        ---
                        - apiVersion: v1
                          kind: Pod
                        """, List.of()),
                new Case("generateName objects without namespace", "gen.yaml", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          generateName: backup-
                        spec:
                          template:
                            spec:
                              containers: []
                        """, List.of(new Expected("Job", "batch/Job/backup-*", "spec.template.spec", List.of(), 1, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptsManifests(Case testCase) {
        AdaptResult result = adapter.adapt(SourceFile.of(testCase.file(), testCase.content()));

        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        List<Expected> actual = new ArrayList<>();
        for (Resource resource : result.resources()) {
            List<String> paths = new ArrayList<>();
            for (Object container : (List<?>) resource.variables().get("containers")) {
                paths.add((String) ((Map<?, ?>) container).get("path"));
            }
            int firstContainerLine = paths.isEmpty() ? 0 : resource.locations().locate(paths.get(0)).startLine();
            actual.add(new Expected(resource.kind(), resource.ref().address(), (String) resource.variables().get("podSpecPath"),
                    paths, resource.location().startLine(), firstContainerLine));
            assertThat(resource.target()).isEqualTo("kubernetes");
            assertThat(resource.variables().keySet()).containsExactlyInAnyOrderElementsOf(adapter.variables().keySet().stream()
                    .filter(name -> !name.equals("inventory")).toList());
        }
        assertThat(actual).containsExactlyElementsOf(testCase.expected());
    }

    @Test
    void bindsContainersVolumesEnvPortsAndIndexesWithPaths() {
        Resource pod = single("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations: {team: shop}
                spec:
                  volumes:
                    - name: cache
                      emptyDir: {}
                    - name: host
                      hostPath: {path: /var/log}
                  initContainers:
                    - name: setup
                      image: setup:1
                      env:
                        - {name: MODE, value: init}
                  containers:
                    - name: web
                      image: web:1
                      env:
                        - {name: A, value: "1"}
                        - name: B
                          valueFrom: {secretKeyRef: {name: s, key: b}}
                      ports:
                        - containerPort: 8080
                          hostPort: 80
                      args: [a, b, c, d, e, f]
                """);
        Map<String, Object> variables = pod.variables();

        assertThat(field(variables.get("containers"), "label"))
                .isEqualTo(List.of("init container \"setup\"", "container \"web\""));
        assertThat(field(variables.get("volumes"), "path")).isEqualTo(List.of("spec.volumes[0]", "spec.volumes[1]"));
        assertThat(field(variables.get("env"), "path"))
                .isEqualTo(List.of("spec.initContainers[0].env[0]", "spec.containers[0].env[0]", "spec.containers[0].env[1]"));
        assertThat(field(variables.get("env"), "name")).isEqualTo(List.of("MODE", "A", "B"));
        assertThat(field(variables.get("ports"), "container")).isEqualTo(List.of("container \"web\""));
        assertThat(List.copyOf((List<?>) variables.get("indexes"))).isEqualTo(List.of(0L, 1L, 2L, 3L, 4L, 5L));
        assertThat(pod.locations().locate("spec.containers[0].ports[0].hostPort").startLine()).isEqualTo(26);
        assertThat(pod.locations().locate("spec.volumes[1].hostPath").startLine()).isEqualTo(11);
        assertThat(pod.locations().locate("metadata.annotations[\"team\"]").startLine()).isEqualTo(5);
        // A missing value is located at the nearest value that exists.
        assertThat(pod.locations().locate("spec.containers[0].securityContext.privileged").startLine()).isEqualTo(18);
        assertThat(variables.get("podMetadataPath")).isEqualTo("metadata");
    }

    @Test
    void nonWorkloadsBindEmptyPodVariables() {
        Resource service = single("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports: [{port: 80}]
                """);

        assertThat(service.variables().get("podSpec")).isEqualTo(Map.of());
        assertThat(service.variables().get("podSpecPath")).isEqualTo("");
        assertThat(service.variables().get("podMetadata")).isEqualTo(Map.of());
        assertThat((List<?>) service.variables().get("containers")).isEmpty();
        assertThat(List.copyOf((List<?>) service.variables().get("indexes"))).as("one list of one port").isEqualTo(List.of(0L));
    }

    @Test
    void malformedYamlIsAParseProblemWithItsLineAndEarlierDocumentsSurvive() {
        AdaptResult result = adapter.adapt(SourceFile.of("broken.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: broken
                spec:
                  containers: [{name: a, image: b}
                  restartPolicy: Never
                """));

        assertThat(result.resources()).extracting(resource -> resource.ref().address()).containsExactly("ConfigMap/fine");
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).file()).isEqualTo("broken.yaml");
        assertThat(result.problems().get(0).line()).isEqualTo(11);
        assertThat(result.problems().get(0).message()).startsWith("invalid YAML");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aliasBombIsAWarningNotAnException() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n");
        bomb.append("  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'p'; level++) {
            bomb.append("  ").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = level;
        }

        AdaptResult result = adapter.adapt(SourceFile.of("bomb.yaml", bomb.toString()));

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).hasSize(1);
        assertThat(result.warnings().get(0).message()).contains("alias bomb");
        assertThat(result.warnings().get(0).line()).isGreaterThan(5);
    }

    @Test
    void sharedAliasesWithinTheLimitAreVisitedOnce() {
        // Nine levels of nine aliases: 81 aliases, yet 9^9 leaves if the tree were expanded.
        StringBuilder shared = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata:\n");
        shared.append("  a: &a [x, x, x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'j'; level++) {
            shared.append("  ").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                shared.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            shared.append("]\n");
            previous = level;
        }

        AdaptResult result = adapter.adapt(SourceFile.of("shared.yaml", shared.toString()));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.resources()).hasSize(1);
        assertThat((List<?>) result.resources().get(0).variables().get("indexes")).hasSize(12);
    }

    @Test
    void deepNestingIsAWarningWithItsLine() {
        StringBuilder deep = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ");
        deep.append("[".repeat(200)).append("]".repeat(200)).append('\n');

        AdaptResult result = adapter.adapt(SourceFile.of("deep.yaml", deep.toString()));

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).hasSize(1);
        assertThat(result.warnings().get(0).line()).isEqualTo(5);
        assertThat(result.warnings().get(0).message()).contains("nesting deeper than");
    }

    @Test
    void ignoreAnnotationListsRuleIdsWithTheReason() {
        Resource pod = single("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: debug
                  annotations:
                    bulwark.dev/ignore: "BW-K8S-001, bw-k8s-004  BW-K8S-019"
                    bulwark.dev/ignore-reason: break-glass pod, deleted after the incident
                spec:
                  containers: [{name: shell, image: busybox:1.36}]
                """);

        assertThat(pod.ignored()).containsExactly(
                Map.entry("BW-K8S-001", "break-glass pod, deleted after the incident"),
                Map.entry("BW-K8S-004", "break-glass pod, deleted after the incident"),
                Map.entry("BW-K8S-019", "break-glass pod, deleted after the incident"));
    }

    @Test
    void unrenderedHelmTemplatesAreSkippedWithAWarning() {
        AdaptResult result = adapter.adapt(SourceFile.of("chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                """));

        assertThat(result.resources()).isEmpty();
        assertThat(result.warnings()).singleElement().satisfies(warning -> assertThat(warning.message()).contains("helm template"));
    }

    @Test
    void inventoryKnowsNetworkPolicyNamespacesAndTokenlessServiceAccounts() {
        List<Resource> resources = new ArrayList<>(adapter.adapt(SourceFile.of("a.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec: {podSelector: {}}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: allow, namespace: data}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop}
                automountServiceAccountToken: false
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: worker}
                automountServiceAccountToken: false
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: operator, namespace: shop}
                """)).resources());

        Map<?, ?> inventory = (Map<?, ?>) adapter.scanVariables(resources).get("inventory");

        assertThat(inventory.get("networkPolicyNamespaces")).isEqualTo(List.of("data", "shop"));
        assertThat(inventory.get("networkPolicyUnscoped")).isEqualTo(false);
        assertThat(List.copyOf(((Map<?, ?>) inventory.get("tokenlessServiceAccounts")).keySet()))
                .isEqualTo(List.of("*/web", "*/worker", "/worker", "shop/web"));

        resources.addAll(adapter.adapt(SourceFile.of("b.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all}
                spec: {podSelector: {}}
                """)).resources());
        Map<?, ?> unscoped = (Map<?, ?>) adapter.scanVariables(resources).get("inventory");
        assertThat(unscoped.get("networkPolicyUnscoped")).isEqualTo(true);
    }

    /** A pod whose containers set, override and inherit settings; line numbers matter to the cases below. */
    private static final String INHERITING_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: mixed}
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 0
                seccompProfile: {type: RuntimeDefault}
              resources:
                limits: {cpu: "2"}
              containers:
                - name: own
                  image: app:1
                  securityContext:
                    runAsNonRoot: false
                    runAsUser: 1000
                    seccompProfile: {type: Unconfined}
                    allowPrivilegeEscalation: false
                  resources:
                    limits: {cpu: 500m, memory: 1Gi}
                - name: inheriting
                  image: ${IMAGE}
                  imagePullPolicy: Never
            """;

    /** One setting of one container: its value, where it comes from and the line a finding about it lands on. */
    record SettingCase(String name, int container, String setting, Object value, String from, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SettingCase> settingCases() {
        return Stream.of(
                new SettingCase("a container value overrides the pod's", 0, "runAsNonRoot", false, "container", 15),
                new SettingCase("a pod value covers a container without its own", 1, "runAsNonRoot", true, "pod", 6),
                new SettingCase("pod runAsUser 0 is inherited", 1, "runAsUser", 0L, "pod", 7),
                new SettingCase("container runAsUser overrides", 0, "runAsUser", 1000L, "container", 16),
                new SettingCase("nested field inherited", 1, "seccompProfileType", "RuntimeDefault", "pod", 8),
                new SettingCase("nested field overridden", 0, "seccompProfileType", "Unconfined", "container", 17),
                new SettingCase("container-only field as written", 0, "allowPrivilegeEscalation", false, "container", 18),
                new SettingCase("container-only field defaults, located at the container", 1, "allowPrivilegeEscalation", true, "default", 21),
                new SettingCase("unset everywhere: '' when the node decides", 1, "appArmorProfileType", "", "default", 21),
                new SettingCase("a default points at the securityContext that would hold it", 0, "procMount", "Default", "default", 14),
                new SettingCase("pod-level resources cover a container", 1, "cpuLimit", "2", "pod", 10),
                new SettingCase("container resources override", 0, "cpuLimit", "500m", "container", 20),
                new SettingCase("resources nobody sets", 1, "memoryLimit", "", "default", 21),
                new SettingCase("image as written", 0, "image", "app:1", "container", 13),
                new SettingCase("a template placeholder is unresolvable", 1, "image", "", "unresolvable", 22),
                new SettingCase("imagePullPolicy as written", 1, "imagePullPolicy", "Never", "container", 23));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingCases")
    void resolvesEffectiveSettingsWithTheirPaths(SettingCase testCase) {
        Resource pod = single(INHERITING_POD);
        Map<?, ?> settings = (Map<?, ?>) ((List<?>) pod.variables().get("settings")).get(testCase.container());
        Map<?, ?> setting = (Map<?, ?>) settings.get(testCase.setting());

        assertThat(setting.get("value")).isEqualTo(testCase.value());
        assertThat(setting.get("from")).isEqualTo(testCase.from());
        assertThat(pod.locations().locate((String) setting.get("path")).startLine()).isEqualTo(testCase.line());
    }

    @Test
    void podBindsItsFlagsAndTheSettingsItPassesOn() {
        Map<?, ?> pod = (Map<?, ?>) single(INHERITING_POD).variables().get("pod");

        assertThat(pod.get("windows")).isEqualTo(false);
        assertThat(pod.get("userNamespace")).isEqualTo(false);
        assertThat(pod.get("runAsUser")).isEqualTo(Map.of("value", 0L, "path", "spec.securityContext.runAsUser", "from", "pod"));
        assertThat(pod.get("hostProcess"))
                .isEqualTo(Map.of("value", false, "path", "spec.securityContext.windowsOptions.hostProcess", "from", "default"));

        Map<?, ?> windows = (Map<?, ?>) single("""
                apiVersion: v1
                kind: Pod
                metadata: {name: win}
                spec:
                  os: {name: windows}
                  hostUsers: false
                  containers: [{name: w, image: w:1}]
                """).variables().get("pod");
        assertThat(windows.get("windows")).isEqualTo(true);
        assertThat(windows.get("userNamespace")).isEqualTo(true);

        Map<?, ?> quoted = (Map<?, ?>) single("""
                apiVersion: v1
                kind: Pod
                metadata: {name: quoted}
                spec:
                  hostUsers: "false"
                  containers: [{name: a, image: a:1}]
                """).variables().get("pod");
        assertThat(quoted.get("userNamespace")).as("a string is not the boolean Kubernetes reads").isEqualTo(false);
    }

    @Test
    void capabilitiesAreNamedAsRuntimesCompareThemAndCapAllIsNotAll() {
        Resource pod = single("""
                apiVersion: v1
                kind: Pod
                metadata: {name: caps}
                spec:
                  containers:
                    - name: a
                      image: a:1
                      securityContext:
                        capabilities:
                          add: [cap_net_admin, SYS_TIME]
                          drop: [all]
                    - name: b
                      image: b:1
                      securityContext:
                        capabilities: {drop: [CAP_ALL]}
                """);
        List<?> settings = (List<?>) pod.variables().get("settings");
        Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) settings.get(0)).get("capabilities");
        Map<?, ?> second = (Map<?, ?>) ((Map<?, ?>) settings.get(1)).get("capabilities");

        assertThat(field(first.get("add"), "name")).isEqualTo(List.of("NET_ADMIN", "SYS_TIME"));
        assertThat(field(first.get("add"), "value")).isEqualTo(List.of("cap_net_admin", "SYS_TIME"));
        assertThat(first.get("dropsAll")).isEqualTo(true);
        assertThat(second.get("dropsAll")).isEqualTo(false);
        assertThat(second.get("add")).isEqualTo(List.of());
        assertThat(pod.locations().locate(first.get("path") + ".add").startLine()).isEqualTo(10);
    }

    @Test
    void probeHostsListHandlersThatTargetAnotherHostInOrder() {
        Resource pod = single("""
                apiVersion: v1
                kind: Pod
                metadata: {name: probes}
                spec:
                  containers:
                    - name: a
                      image: a:1
                      lifecycle:
                        preStop: {httpGet: {host: 10.0.0.1, port: 80}}
                      readinessProbe: {tcpSocket: {host: "", port: 80}}
                      livenessProbe:
                        httpGet: {host: 169.254.169.254, path: /, port: 80}
                """);
        Map<?, ?> settings = (Map<?, ?>) ((List<?>) pod.variables().get("settings")).get(0);
        Object hosts = settings.get("probeHosts");

        assertThat(field(hosts, "handler")).isEqualTo(List.of("livenessProbe.httpGet", "lifecycle.preStop.httpGet"));
        assertThat(field(hosts, "host")).isEqualTo(List.of("169.254.169.254", "10.0.0.1"));
        assertThat(field(hosts, "path")).isEqualTo(List.of("spec.containers[0].livenessProbe.httpGet.host",
                "spec.containers[0].lifecycle.preStop.httpGet.host"));
        assertThat(pod.locations().locate("spec.containers[0].livenessProbe.httpGet.host").startLine()).isEqualTo(12);
    }

    @Test
    void literalEnvKeepsLiteralStringsAndCredentialNamesTheNamesThatReadLikeCredentials() {
        Resource pod = single("""
                apiVersion: v1
                kind: Pod
                metadata: {name: env}
                spec:
                  containers:
                    - name: a
                      image: a:1
                      env:
                        - {name: DB_PASSWORD, value: hunter2}
                        - {name: DB_PASSWORD_FILE, value: /run/secrets/db}
                        - {name: apiToken, value: "1"}
                        - {name: WORKERS, value: 4}
                        - name: SIGNING_KEY
                          valueFrom: {secretKeyRef: {name: keys, key: signing}}
                        - {value: "postgres://u:p@db/app"}
                """);
        Object literal = pod.variables().get("literalEnv");

        assertThat(field(literal, "name")).isEqualTo(List.of("DB_PASSWORD", "DB_PASSWORD_FILE", "apiToken", ""));
        assertThat(field(literal, "path")).containsExactly("spec.containers[0].env[0].value", "spec.containers[0].env[1].value",
                "spec.containers[0].env[2].value", "spec.containers[0].env[5].value");
        assertThat(field(literal, "container")).containsOnly("container \"a\"");
        assertThat(pod.locations().locate("spec.containers[0].env[5].value").startLine()).isEqualTo(15);
        assertThat(List.copyOf(((Map<?, ?>) pod.variables().get("credentialNames")).keySet()))
                .isEqualTo(List.of("DB_PASSWORD", "apiToken", "SIGNING_KEY"));

        Resource config = single("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data:
                  client-secret: x
                  tokenTtl: 1h
                  "api_\u212Aey": x
                  LOG_LEVEL: info
                """);
        assertThat(List.copyOf(((Map<?, ?>) config.variables().get("credentialNames")).keySet()))
                .as("RE2 reads the Kelvin sign as k, as the rules' expressions did")
                .isEqualTo(List.of("client-secret", "api_\u212Aey"));
    }

    @Test
    void filesWithoutKubernetesMarkersAreNotParsed() {
        assertThat(adapter.acceptsContent("name: x\nvalue: 1\n")).isFalse();
        AdaptResult result = adapter.adapt(SourceFile.of("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}"));
        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    /** The value of {@code key} in each map of {@code list}. */
    private static List<Object> field(Object list, String key) {
        List<Object> values = new ArrayList<>();
        for (Object entry : (List<?>) list) {
            values.add(((Map<?, ?>) entry).get(key));
        }
        return values;
    }

    private Resource single(String content) {
        AdaptResult result = adapter.adapt(SourceFile.of("test.yaml", content));
        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).hasSize(1);
        return result.resources().get(0);
    }
}
