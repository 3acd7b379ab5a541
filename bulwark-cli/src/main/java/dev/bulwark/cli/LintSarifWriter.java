package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.findings.Fingerprints;
import dev.bulwark.iam.lint.LintCheck;
import dev.bulwark.iam.lint.PolicyLint;
import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.report.ReportOptions;
import dev.bulwark.report.SarifText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code bulwark iam lint --format sarif}: SARIF 2.1.0 as GitHub code scanning reads it, so lint
 * results show on the policy line of a pull request. One run; every check code that occurs is a
 * rule (with the summary and level of its {@link LintCheck}), every issue a result at its line
 * and column. A result's fingerprint is the file, code and message, not the line, so an alert
 * survives edits above it. Files that could not be read become tool execution notifications.
 *
 * <p>The scanner's SARIF sink ({@code bulwark-report}) writes findings, which lint issues are
 * not; this writer is the small subset lint needs.
 */
final class LintSarifWriter {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SOURCE_ROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "bulwarkLint/v1";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    String write(List<IamLintCommand.Checked> results, String toolVersion) throws JsonProcessingException {
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Bulwark IAM policy lint");
        driver.put("informationUri", ReportOptions.DEFAULT_INFORMATION_URI.toString());
        driver.put("version", toolVersion);

        Map<String, PolicyIssue.Level> codes = new TreeMap<>();
        for (IamLintCommand.Checked result : results) {
            for (PolicyIssue issue : issues(result)) {
                codes.putIfAbsent(issue.code(), issue.level());
            }
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Map.Entry<String, PolicyIssue.Level> entry : codes.entrySet()) {
            ruleIndex.put(entry.getKey(), rules.size());
            Optional<LintCheck> check = LintCheck.byCode(entry.getKey());
            ObjectNode rule = rules.addObject();
            rule.put("id", entry.getKey());
            rule.put("name", SarifText.pascalCase(entry.getKey()));
            rule.putObject("shortDescription").put("text", check.map(LintCheck::summary).orElse(entry.getKey()));
            rule.putObject("defaultConfiguration").put("level", sarifLevel(check.map(LintCheck::level).orElse(entry.getValue())));
            rule.putObject("properties").putArray("tags").add("security").add("iam");
        }

        run.put("columnKind", "utf16CodeUnits");
        run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT).putObject("description")
                .put("text", "The directory bulwark ran in; result paths are relative to it.");
        ObjectNode invocation = run.putArray("invocations").addObject();
        boolean allRead = results.stream().allMatch(result -> result.readError().isEmpty());
        invocation.put("executionSuccessful", allRead);
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        ArrayNode resultNodes = run.putArray("results");
        for (IamLintCommand.Checked result : results) {
            if (result.readError().isPresent()) {
                ObjectNode notification = notifications.addObject();
                notification.put("level", "error");
                notification.putObject("message").put("text", result.readError().get());
                notification.putArray("locations").addObject().putObject("physicalLocation")
                        .set("artifactLocation", artifactLocation(result.file()));
                continue;
            }
            for (PolicyIssue issue : issues(result)) {
                ObjectNode node = resultNodes.addObject();
                node.put("ruleId", issue.code());
                node.put("ruleIndex", ruleIndex.get(issue.code()));
                node.put("level", sarifLevel(issue.level()));
                node.putObject("message").put("text", issue.message());
                ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
                physical.set("artifactLocation", artifactLocation(result.file()));
                ObjectNode region = physical.putObject("region");
                region.put("startLine", Math.max(1, issue.position().line()));
                if (issue.position().column() > 0) {
                    region.put("startColumn", issue.position().column());
                }
                node.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(result.file(), issue));
            }
        }
        return mapper.writeValueAsString(root);
    }

    private static List<PolicyIssue> issues(IamLintCommand.Checked result) {
        return result.lint().map(PolicyLint::issues).orElse(List.of());
    }

    private ObjectNode artifactLocation(String file) {
        ObjectNode location = mapper.createObjectNode();
        String path = file.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.startsWith("/")) {
            location.put("uri", "file://" + SarifText.encodePath(path));
        } else {
            location.put("uri", SarifText.encodePath(path));
            location.put("uriBaseId", SOURCE_ROOT);
        }
        return location;
    }

    private static String sarifLevel(PolicyIssue.Level level) {
        return switch (level) {
            case ERROR -> "error";
            case WARNING -> "warning";
        };
    }

    private static String fingerprint(String file, PolicyIssue issue) {
        return Fingerprints.of(issue.code(), file, "", issue.message());
    }
}
