package dev.bulwark.secrets.git;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.findings.InlineSuppressions;
import java.util.List;
import java.util.Map;

/**
 * What a {@link GitHistoryScanner} found.
 *
 * @param findings each secret once per path, at the commit that added it there: oldest commit
 *     first (parents before children, then by commit time), and within a commit in
 *     {@link Finding#REPORT_ORDER}
 * @param comments the {@code bulwark:ignore} comments of the file version each finding is in, by
 *     the finding's resource address (commit and path); file versions without comments are absent
 * @param warnings objects that could not be read, partial (shallow) history; sorted
 * @param commitsScanned commits whose changes were read (0 for the staged scope)
 * @param blobsScanned distinct file versions scanned, counting the parent versions read for comparison
 * @param bytesScanned the size of the blobs scanned
 * @param blobsSkippedBinary distinct blobs not scanned because they look binary
 * @param blobsSkippedTooLarge distinct blobs not scanned because they exceed the size limit
 */
public record GitScanResult(
        List<Finding> findings,
        Map<String, InlineSuppressions> comments,
        List<ScanWarning> warnings,
        int commitsScanned,
        long blobsScanned,
        long bytesScanned,
        long blobsSkippedBinary,
        long blobsSkippedTooLarge) {
    public GitScanResult {
        requireNonNull(findings, "findings is null");
        requireNonNull(warnings, "warnings is null");
        requireNonNull(comments, "comments is null");
        findings = List.copyOf(findings);
        comments = Map.copyOf(comments);
        warnings = List.copyOf(warnings);
    }

    /** The inline comments of the file version {@code finding} (one of {@link #findings}) is in; none when it has none. */
    public InlineSuppressions commentsOf(Finding finding) {
        return comments.getOrDefault(finding.resource().address(), InlineSuppressions.none());
    }

    /** Blobs not scanned, binary or too large (unreadable ones are warnings instead). */
    public long blobsSkipped() {
        return blobsSkippedBinary + blobsSkippedTooLarge;
    }
}
