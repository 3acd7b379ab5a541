package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one result type of Bulwark, aligned with OCSF compliance findings.
 *
 * <p>{@code path} names the offending value inside the resource (for example
 * {@code spec.template.spec.containers[0].securityContext.privileged}); it is empty when the
 * finding is about the resource as a whole. The {@code fingerprint} identifies the finding across
 * scans: it is built from the rule, the file, the resource address and the value's stable key,
 * never from line numbers, so it survives unrelated edits. {@code evidence} is the chain behind an
 * identity finding (who can do what, through which policy or binding); empty for other findings.
 */
public record Finding(
        String ruleId,
        Severity severity,
        FindingType type,
        String title,
        String message,
        ResourceRef resource,
        SourceLocation location,
        String path,
        CodeSnippet snippet,
        String remediation,
        String fix,
        Map<String, List<String>> compliance,
        Optional<Suppression> suppression,
        String fingerprint,
        List<EvidenceStep> evidence) {

    /** Findings in report order: file, line, column, rule, then path. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator.comparing(Finding::location)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::path)
            .thenComparing(Finding::fingerprint);

    public Finding {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(type, "type is null");
        requireNonNull(title, "title is null");
        requireNonNull(message, "message is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(location, "location is null");
        requireNonNull(path, "path is null");
        requireNonNull(snippet, "snippet is null");
        requireNonNull(remediation, "remediation is null");
        requireNonNull(fix, "fix is null");
        requireNonNull(suppression, "suppression is null");
        requireNonNull(fingerprint, "fingerprint is null");
        compliance = Compliance.frozen(compliance);
        evidence = List.copyOf(evidence);
    }

    /** A finding without an evidence chain. */
    public Finding(String ruleId, Severity severity, FindingType type, String title, String message, ResourceRef resource,
                   SourceLocation location, String path, CodeSnippet snippet, String remediation, String fix,
                   Map<String, List<String>> compliance, Optional<Suppression> suppression, String fingerprint) {
        this(ruleId, severity, type, title, message, resource, location, path, snippet, remediation, fix, compliance,
                suppression, fingerprint, List.of());
    }

    public boolean isSuppressed() {
        return suppression.isPresent();
    }

    public Finding withSuppression(Suppression newSuppression) {
        return new Finding(ruleId, severity, type, title, message, resource, location, path, snippet,
                remediation, fix, compliance, Optional.of(newSuppression), fingerprint, evidence);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, type, title, message, resource, location, path, snippet,
                remediation, fix, compliance, suppression, fingerprint, evidence);
    }

    public Finding withSnippet(CodeSnippet newSnippet) {
        return new Finding(ruleId, severity, type, title, message, resource, location, path, newSnippet,
                remediation, fix, compliance, suppression, fingerprint, evidence);
    }
}
