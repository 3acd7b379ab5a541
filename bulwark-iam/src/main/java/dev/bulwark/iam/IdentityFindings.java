package dev.bulwark.iam;

import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.findings.Fingerprints;
import java.util.List;
import java.util.Optional;

/** Builds the {@link Finding}s of identity analyses, the one way for every analyzer. */
public final class IdentityFindings {
    private IdentityFindings() {}

    /**
     * A finding of {@code rule} about {@code subject} (a principal), located where what grants it
     * is written. {@code key} tells findings of one rule on one subject apart (the technique, the
     * target role) and goes into the fingerprint, which never depends on lines.
     *
     * @param format the input format whose fix snippet to show ({@code aws-iam}, {@code kubernetes}, ...)
     */
    public static Finding of(RuleInfo rule, ResourceRef subject, SourceLocation location, String path, String message,
                             List<EvidenceStep> evidence, String key, String format) {
        String fingerprint = Fingerprints.of(rule.id(), location.file(), subject.address(), key);
        return new Finding(rule.id(), rule.severity(), FindingType.IDENTITY_RISK, rule.title(), message, subject, location, path,
                CodeSnippet.empty(), rule.remediation(), rule.fixFor(format), rule.compliance(), Optional.empty(), fingerprint,
                evidence);
    }
}
