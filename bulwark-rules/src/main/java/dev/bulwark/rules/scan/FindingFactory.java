package dev.bulwark.rules.scan;

import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.findings.Fingerprints;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.rules.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns rule violations and parse problems into {@link Finding}s. */
public final class FindingFactory {
    /** The rule id of parse findings. */
    public static final String PARSE_RULE_ID = "BW-PARSE-001";

    /** Metadata of the parse-error pseudo rule, for reports. */
    public static final RuleInfo PARSE_RULE = new RuleInfo(PARSE_RULE_ID, "File could not be parsed", Severity.MEDIUM,
            "any", List.of(),
            "The file looks like an input Bulwark scans (a Kubernetes manifest or a Dockerfile) but could not be parsed, "
                    + "so none of its content was checked.",
            "A file that cannot be parsed hides every misconfiguration it holds from the scan, and usually fails at deploy time too.",
            "Fix the syntax error at the reported line, or exclude the file in .bulwark.yaml if it is not meant to be scanned.",
            Map.of(), List.of(), Map.of(), "builtin");

    private FindingFactory() {}

    public static Finding violation(RuleInfo rule, Severity severity, Resource resource, Violation violation, String fix) {
        SourceLocation location = violation.path().isEmpty()
                ? resource.location()
                : resource.locations().locate(violation.path());
        String stableKey = violation.path().isEmpty() ? "" : resource.locations().stableKey(violation.path());
        String message = violation.message().isEmpty() ? rule.title() : violation.message();
        String fingerprint = Fingerprints.of(rule.id(), resource.location().file(), resource.ref().address(), stableKey);
        return new Finding(rule.id(), severity, FindingType.MISCONFIGURATION, rule.title(), message, resource.ref(),
                location, violation.path(), CodeSnippet.empty(), rule.remediation(), fix, rule.compliance(),
                Optional.empty(), fingerprint);
    }

    public static Finding parseError(ParseProblem problem, Severity severity) {
        String file = problem.file();
        int slash = file.lastIndexOf('/');
        ResourceRef ref = new ResourceRef("File", file, slash >= 0 ? file.substring(slash + 1) : file);
        SourceLocation location = new SourceLocation(file, Math.max(problem.line(), 1), Math.max(problem.column(), 1),
                Math.max(problem.line(), 1), Math.max(problem.column(), 1));
        return new Finding(PARSE_RULE_ID, severity, FindingType.PARSE_ERROR, PARSE_RULE.title(), problem.message(), ref,
                location, "", CodeSnippet.empty(), PARSE_RULE.remediation(), "", Map.of(), Optional.empty(),
                Fingerprints.of(PARSE_RULE_ID, file, file, ""));
    }
}
