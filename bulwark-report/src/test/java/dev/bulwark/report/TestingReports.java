package dev.bulwark.report;

import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanReport.ScannedResource;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.Suppression;
import dev.bulwark.core.findings.Fingerprints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A realistic scan: two Kubernetes manifests, a Dockerfile, a manifest from standard input, a file
 * whose name needs URI escaping, a file that does not parse, two skipped inputs, and findings that
 * are active, suppressed inline and suppressed by a baseline. One message is hostile: it carries
 * markup and a terminal escape sequence.
 */
final class TestingReports {
    static final String HOSTILE_MESSAGE =
            "Container 'api' runs privileged <script>alert(1)</script>\u001b]0;pwned\u0007 & more";
    static final String API_FILE = "deploy/api.yaml";
    static final String DB_FILE = "deploy/db.yaml";
    static final String ODD_FILE = "my dir/app#1.yaml";

    static final RuleInfo PRIVILEGED = rule("BW-K8S-001", "Container runs privileged", Severity.CRITICAL,
            Map.of("cis-kubernetes", List.of("5.2.2"), "nist-800-53-r5", List.of("AC-6"),
                    "pss-baseline", List.of("privileged-containers")),
            List.of("https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
            Map.of("kubernetes", "securityContext:\n  privileged: false"));
    static final RuleInfo ESCALATION = rule("BW-K8S-002", "Container may gain more privileges than its parent",
            Severity.HIGH, Map.of("cis-kubernetes", List.of("5.2.6"), "nist-800-53-r5", List.of("AC-6")),
            List.of(), Map.of("kubernetes", "securityContext:\n  allowPrivilegeEscalation: false"));
    static final RuleInfo LATEST_TAG = rule("BW-K8S-010", "Image uses the latest tag", Severity.MEDIUM,
            Map.of("nist-800-53-r5", List.of("CM-2")), List.of(), Map.of());
    static final RuleInfo NO_MEMORY_LIMIT = rule("BW-K8S-020", "Container has no memory limit", Severity.LOW,
            Map.of("nist-800-53-r5", List.of("SC-6")), List.of(), Map.of());
    static final RuleInfo HOST_NETWORK = rule("BW-K8S-030", "Pod shares the host network", Severity.HIGH,
            Map.of("cis-kubernetes", List.of("5.2.5"), "pss-baseline", List.of("host-namespaces")), List.of(), Map.of());
    static final RuleInfo SECCOMP = rule("BW-K8S-040", "Seccomp profile is unconfined", Severity.MEDIUM,
            Map.of("cis-kubernetes", List.of("5.7.2")), List.of(), Map.of());
    static final RuleInfo ROOT_USER = new RuleInfo("BW-DF-001", "Image runs as root", Severity.HIGH, "dockerfile",
            List.of(), "The last USER instruction leaves the container running as root.",
            "A process running as root inside a container is one kernel bug away from root on the node.",
            "Add a USER instruction with a non-root user after the last step that needs root.",
            Map.of("dockerfile", "USER 10001"), List.of("CIS Docker Benchmark 4.1"),
            Map.of("cis-docker", List.of("4.1")), "builtin:dockerfile/BW-DF-001.yaml");

    static final ResourceRef API = new ResourceRef("Deployment", "apps/Deployment/payments/api", "api");
    static final ResourceRef DB = new ResourceRef("StatefulSet", "apps/StatefulSet/data/db", "db");
    static final ResourceRef DOCKERFILE = new ResourceRef("Dockerfile", "Dockerfile", "Dockerfile");
    static final ResourceRef STDIN_POD = new ResourceRef("Pod", "v1/Pod/default/debug", "debug");
    static final ResourceRef ODD_POD = new ResourceRef("Pod", "v1/Pod/default/odd", "odd");

    static final Instant STARTED = Instant.parse("2026-11-20T10:15:30.250Z");

    private TestingReports() {}

    static ScanReport report() {
        return report(List.of());
    }

    static ScanReport report(List<String> frameworks) {
        List<RuleInfo> k8sRules = List.of(PRIVILEGED, ESCALATION, LATEST_TAG, NO_MEMORY_LIMIT, HOST_NETWORK);
        List<String> k8sRuleIds = k8sRules.stream().map(RuleInfo::id).toList();
        List<ScannedResource> resources = List.of(
                new ScannedResource(API, SourceLocation.ofLines(API_FILE, 1, 45), k8sRuleIds),
                new ScannedResource(DB, SourceLocation.ofLines(DB_FILE, 1, 40), k8sRuleIds),
                new ScannedResource(DOCKERFILE, SourceLocation.ofLines("Dockerfile", 1, 14), List.of(ROOT_USER.id())),
                new ScannedResource(STDIN_POD, SourceLocation.ofLines("-", 1, 12), List.of(PRIVILEGED.id(), ESCALATION.id())),
                new ScannedResource(ODD_POD, SourceLocation.ofLines(ODD_FILE, 1, 9), List.of(PRIVILEGED.id())));

        List<Finding> findings = new ArrayList<>();
        findings.add(finding(PRIVILEGED, STDIN_POD, new SourceLocation("-", 8, 9, 8, 25),
                "spec.containers[0].securityContext.privileged", "Container 'debug' runs privileged"));
        findings.add(finding(ROOT_USER, DOCKERFILE, SourceLocation.ofLine("Dockerfile", 12), "", "The last USER is root"));
        findings.add(parseError("broken.yaml", 3, 9, "mapping values are not allowed here"));
        findings.add(finding(PRIVILEGED, API, new SourceLocation(API_FILE, 21, 13, 21, 29),
                "spec.template.spec.containers[0].securityContext.privileged", HOSTILE_MESSAGE)
                .withSnippet(new CodeSnippet(18, List.of(
                        "      - name: api",
                        "        image: registry.example.com/payments/api:latest",
                        "        securityContext:",
                        "          privileged: true # <b>not bold</b>",
                        "          allowPrivilegeEscalation: true",
                        "        ports:",
                        "          - containerPort: 8080"))));
        findings.add(finding(PRIVILEGED, API, new SourceLocation(API_FILE, 40, 13, 40, 29),
                "spec.template.spec.containers[1].securityContext.privileged", "Container 'sidecar' runs privileged"));
        findings.add(finding(ESCALATION, API, new SourceLocation(API_FILE, 22, 11, 22, 41),
                "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
                "Container 'api' allows privilege escalation"));
        findings.add(finding(LATEST_TAG, API, new SourceLocation(API_FILE, 19, 16, 19, 56),
                "spec.template.spec.containers[0].image", "Image 'registry.example.com/payments/api:latest' uses the latest tag")
                .withSuppression(new Suppression(Suppression.Kind.INLINE, "pinned by digest in prod overlay",
                        Optional.of(LocalDate.parse("2027-01-31")), API_FILE + ":18")));
        findings.add(finding(ESCALATION, DB, new SourceLocation(DB_FILE, 25, 11, 25, 41),
                "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
                "Container 'db' allows privilege escalation"));
        findings.add(finding(NO_MEMORY_LIMIT, DB, SourceLocation.ofLine(DB_FILE, 30),
                "spec.template.spec.containers[0]", "Container 'db' has no memory limit")
                .withSuppression(new Suppression(Suppression.Kind.BASELINE, "accepted in baseline", Optional.empty(),
                        ".bulwark-baseline.json")));
        findings.add(finding(PRIVILEGED, ODD_POD, new SourceLocation(ODD_FILE, 5, 9, 5, 25),
                "spec.containers[0].securityContext.privileged", "Container 'odd' runs privileged"));
        findings.sort(Finding.REPORT_ORDER);

        List<ScanWarning> warnings = List.of(
                new ScanWarning("bin/tool.yaml", 0, "skipped: binary file"),
                new ScanWarning("huge.yaml", 0, "skipped: larger than 10 MiB"));
        List<RuleInfo> rules = new ArrayList<>(k8sRules);
        rules.add(SECCOMP);
        rules.add(ROOT_USER);
        return new ScanReport("0.1.0-SNAPSHOT", STARTED, Duration.ofMillis(1234), findings, warnings, rules,
                resources, frameworks, 6);
    }

    /** A scan of one clean manifest. */
    static ScanReport cleanReport() {
        return new ScanReport("0.1.0-SNAPSHOT", STARTED, Duration.ofMillis(80), List.of(), List.of(),
                List.of(PRIVILEGED), List.of(new ScannedResource(API, SourceLocation.ofLines(API_FILE, 1, 45),
                        List.of(PRIVILEGED.id()))), List.of(), 1);
    }

    static String write(String format, ScanReport report, ReportOptions options) {
        return new String(writeBytes(format, report, options), StandardCharsets.UTF_8);
    }

    static String write(String format, ScanReport report) {
        return write(format, report, ReportOptions.defaults());
    }

    static byte[] writeBytes(String format, ScanReport report, ReportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWriters.create(format, options).write(report, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static Finding find(ScanReport report, String ruleId, String file, int line) {
        return report.findings().stream()
                .filter(finding -> finding.ruleId().equals(ruleId) && finding.location().file().equals(file)
                        && finding.location().startLine() == line)
                .findFirst()
                .orElseThrow();
    }

    private static RuleInfo rule(String id, String title, Severity severity, Map<String, List<String>> compliance,
                                 List<String> references, Map<String, String> fixes) {
        return new RuleInfo(id, title, severity, "kubernetes", List.of("Deployment", "StatefulSet", "Pod"),
                title + ": description of what the rule checks.",
                "Why this matters for " + title.toLowerCase(java.util.Locale.ROOT) + ".",
                "Change the manifest so that the check passes.", fixes, references, compliance,
                "builtin:kubernetes/" + id + ".yaml");
    }

    private static Finding finding(RuleInfo rule, ResourceRef resource, SourceLocation location, String path, String message) {
        String fingerprint = Fingerprints.of(rule.id(), location.file(), resource.address(), path);
        return new Finding(rule.id(), rule.severity(), FindingType.MISCONFIGURATION, rule.title(), message, resource,
                location, path, CodeSnippet.empty(), rule.remediation(), rule.fixFor(rule.target()), rule.compliance(),
                Optional.empty(), fingerprint);
    }

    private static Finding parseError(String file, int line, int column, String message) {
        ResourceRef ref = new ResourceRef("File", file, file);
        return new Finding(RuleCatalog.PARSE_RULE_ID, Severity.MEDIUM, FindingType.PARSE_ERROR, "File could not be parsed",
                message, ref, new SourceLocation(file, line, column, line, column), "", CodeSnippet.empty(),
                "Fix the syntax error at the reported line.", "", Map.of(), Optional.empty(),
                Fingerprints.of(RuleCatalog.PARSE_RULE_ID, file, file, ""));
    }
}
