package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.Suppression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sarif} format: SARIF 2.1.0 as GitHub code scanning reads it.
 *
 * <p>One run; the driver lists every rule that ran (and a made-up descriptor for parse errors),
 * sorted by id, each result points at its rule by id and index. File paths become URIs relative
 * to {@code %SRCROOT%}, segment by segment percent-encoded; standard input ({@code -}) becomes the
 * URI {@code stdin} without a base. GitHub keys alerts on {@code partialFingerprints}, which carry
 * the finding fingerprint, so an alert survives edits above it. A suppressed finding stays in the
 * log with a {@code suppressions} entry: {@code inSource} for comments and annotations in the file,
 * {@code external} for the configuration file and baselines. Skipped inputs become tool execution
 * notifications.
 */
final class SarifReportWriter implements ReportWriter {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SOURCE_ROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "bulwarkFingerprint/v1";
    static final String STDIN_URI = "stdin";
    private static final Pattern VERSION =
            Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?([-+][0-9A-Za-z.+-]*)?");

    private final ReportOptions options;
    private final JsonOutput json = new JsonOutput();

    SarifReportWriter(ReportOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        RuleCatalog catalog = RuleCatalog.of(report);
        ObjectNode root = json.object();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", Product.NAME);
        driver.put("organization", Product.VENDOR);
        driver.put("informationUri", options.informationUri().toString());
        driver.put("version", report.toolVersion());
        driver.put("semanticVersion", semanticVersion(report.toolVersion()));
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleInfo rule : catalog.rules()) {
            ruleIndex.put(rule.id(), rules.size());
            rules.add(descriptor(rule, catalog));
        }

        run.put("columnKind", "unicodeCodePoints");
        ObjectNode sourceRoot = run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT);
        if (options.sourceRoot().isPresent()) {
            sourceRoot.put("uri", directoryUri(options.sourceRoot().get()));
        }
        sourceRoot.putObject("description").put("text", "The directory the scan started in; result paths are relative to it.");

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        invocation.put("startTimeUtc", report.started().toString());
        invocation.put("endTimeUtc", report.started().plus(report.elapsed()).toString());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (ScanWarning warning : report.warnings()) {
            ObjectNode notification = notifications.addObject();
            notification.put("level", "warning");
            notification.putObject("message").put("text", warning.message());
            ObjectNode physical = notification.putArray("locations").addObject().putObject("physicalLocation");
            physical.set("artifactLocation", artifactLocation(warning.file()));
            if (warning.line() > 0) {
                physical.putObject("region").put("startLine", warning.line());
            }
        }

        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            results.add(result(finding, ruleIndex.get(finding.ruleId())));
        }
        json.write(root, out);
    }

    private ObjectNode descriptor(RuleInfo rule, RuleCatalog catalog) {
        ObjectNode descriptor = json.object();
        descriptor.put("id", rule.id());
        descriptor.put("name", pascalCase(rule.title()));
        descriptor.putObject("shortDescription").put("text", rule.title());
        descriptor.putObject("fullDescription").put("text", rule.description().isBlank() ? rule.title() : rule.description());
        ObjectNode help = descriptor.putObject("help");
        help.put("text", RuleHelp.text(rule));
        help.put("markdown", RuleHelp.markdown(rule));
        String helpUri = RuleHelp.firstWebReference(rule);
        if (helpUri != null) {
            descriptor.put("helpUri", helpUri);
        }
        descriptor.putObject("defaultConfiguration").put("level", catalog.effectiveSeverity(rule).sarifLevel());
        ObjectNode properties = descriptor.putObject("properties");
        TreeSet<String> tags = new TreeSet<>();
        tags.add("security");
        tags.add(rule.target());
        tags.addAll(rule.compliance().keySet());
        ArrayNode tagArray = properties.putArray("tags");
        tags.forEach(tagArray::add);
        properties.put("security-severity", String.format(Locale.ROOT, "%.1f", catalog.effectiveSeverity(rule).securitySeverity()));
        properties.put("precision", rule.id().equals(RuleCatalog.PARSE_RULE_ID) ? "very-high" : "high");
        if (!rule.compliance().isEmpty()) {
            ObjectNode compliance = properties.putObject("compliance");
            rule.compliance().forEach((framework, controls) -> {
                ArrayNode ids = compliance.putArray(framework);
                controls.forEach(ids::add);
            });
        }
        return descriptor;
    }

    private ObjectNode result(Finding finding, int ruleIndex) {
        ObjectNode result = json.object();
        result.put("ruleId", finding.ruleId());
        result.put("ruleIndex", ruleIndex);
        result.put("level", finding.severity().sarifLevel());
        if (finding.type() == FindingType.PARSE_ERROR) {
            result.put("kind", "fail");
        }
        result.putObject("message").put("text", finding.message() + " (" + finding.resource().type() + " "
                + finding.resource().address() + ")");
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.set("artifactLocation", artifactLocation(finding.location().file()));
        physical.set("region", region(finding.location()));
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, finding.fingerprint());
        finding.suppression().ifPresent(suppression -> {
            ObjectNode entry = result.putArray("suppressions").addObject();
            entry.put("kind", suppressionKind(suppression.kind()));
            entry.put("status", "accepted");
            entry.put("justification", justification(suppression));
        });
        ObjectNode properties = result.putObject("properties");
        properties.put("severity", finding.severity().label());
        properties.putObject("resource")
                .put("type", finding.resource().type())
                .put("address", finding.resource().address())
                .put("name", finding.resource().name());
        if (!finding.path().isEmpty()) {
            properties.put("path", finding.path());
        }
        if (!finding.evidence().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode chain = properties.putArray("evidence");
            for (dev.bulwark.core.EvidenceStep step : finding.evidence()) {
                chain.addObject().put("subject", step.subject()).put("action", step.action()).put("source", step.source());
            }
            result.putObject("message").put("text", finding.message() + " (" + finding.resource().type() + " "
                    + finding.resource().address() + ")\n" + String.join("\n", EvidenceText.lines(finding.evidence())));
        }
        return result;
    }

    private ObjectNode region(SourceLocation location) {
        ObjectNode region = json.object();
        region.put("startLine", location.startLine());
        boolean hasColumns = location.endLine() > location.startLine() || location.endColumn() > location.startColumn();
        if (hasColumns) {
            region.put("startColumn", location.startColumn());
        }
        region.put("endLine", location.endLine());
        // SourceLocation.END_OF_LINE: the range runs to the end of endLine, which SARIF expresses
        // by leaving endColumn out.
        if (hasColumns && location.endColumn() != SourceLocation.END_OF_LINE) {
            region.put("endColumn", location.endColumn());
        }
        return region;
    }

    private ObjectNode artifactLocation(String file) {
        ObjectNode location = json.object();
        location.put("uri", artifactUri(file));
        if (file.equals("-")) {
            location.putObject("description").put("text", "standard input");
        } else if (!isAbsolute(normalizeSeparators(file))) {
            location.put("uriBaseId", SOURCE_ROOT);
        }
        return location;
    }

    /**
     * The URI of a finding's file: a relative, percent-encoded reference for paths under the scan root
     * (to be resolved against {@code %SRCROOT%}), a {@code file:} URI for absolute paths, {@code stdin} for {@code -}.
     */
    static String artifactUri(String file) {
        if (file.equals("-")) {
            return STDIN_URI;
        }
        String path = normalizeSeparators(file);
        if (path.startsWith("/")) {
            return "file://" + encodePath(path);
        }
        if (isAbsolute(path)) {
            // C:/dir/file: the drive letter and its colon stay as they are
            return "file:///" + path.substring(0, 2) + encodePath(path.substring(2));
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return encodePath(path);
    }

    private static String normalizeSeparators(String file) {
        return file.replace('\\', '/');
    }

    private static String suppressionKind(Suppression.Kind kind) {
        return switch (kind) {
            case INLINE, ANNOTATION -> "inSource";
            case CONFIG, BASELINE -> "external";
        };
    }

    private static String justification(Suppression suppression) {
        StringBuilder text = new StringBuilder("Suppressed by ").append(suppression.label());
        if (!suppression.reason().isBlank()) {
            text.append(": ").append(suppression.reason());
        }
        suppression.expires().ifPresent(date -> text.append(" (until ").append(date).append(')'));
        return text.toString();
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || (path.length() > 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && path.charAt(2) == '/');
    }

    static String directoryUri(Path directory) {
        String uri = directory.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static String encodePath(String path) {
        return SarifText.encodePath(path);
    }

    static String pascalCase(String title) {
        return SarifText.pascalCase(title);
    }

    /**
     * SARIF wants {@code semanticVersion} to be SemVer: {@code 0.1.0-SNAPSHOT} stays, {@code 0.1} becomes
     * {@code 0.1.0}, a version that does not start with a number becomes {@code 0.0.0}.
     */
    static String semanticVersion(String version) {
        Matcher matcher = VERSION.matcher(version.strip());
        if (!matcher.matches()) {
            return "0.0.0";
        }
        StringBuilder semantic = new StringBuilder();
        for (int group = 1; group <= 3; group++) {
            String number = matcher.group(group);
            if (group > 1) {
                semantic.append('.');
            }
            semantic.append(number == null ? 0 : Integer.parseInt(number));
        }
        if (matcher.group(4) != null) {
            semantic.append(matcher.group(4));
        }
        return semantic.toString();
    }
}
