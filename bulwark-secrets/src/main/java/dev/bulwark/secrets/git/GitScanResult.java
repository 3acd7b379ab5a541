package dev.bulwark.secrets.git;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanWarning;
import java.util.List;

/**
 * What a {@link GitHistoryScanner} found.
 *
 * @param findings each secret once per path, at the commit that added it there: oldest commit
 *     first (parents before children, then by commit time), and within a commit in
 *     {@link Finding#REPORT_ORDER}
 * @param warnings objects that could not be read, partial (shallow) history; sorted
 * @param commitsScanned commits whose changes were read (0 for the staged scope)
 * @param blobsScanned distinct file versions scanned, counting the parent versions read for comparison
 * @param bytesScanned the size of the blobs scanned
 * @param blobsSkippedBinary distinct blobs not scanned because they look binary
 * @param blobsSkippedTooLarge distinct blobs not scanned because they exceed the size limit
 */
public record GitScanResult(
        List<Finding> findings,
        List<ScanWarning> warnings,
        int commitsScanned,
        long blobsScanned,
        long bytesScanned,
        long blobsSkippedBinary,
        long blobsSkippedTooLarge) {
    public GitScanResult {
        requireNonNull(findings, "findings is null");
        requireNonNull(warnings, "warnings is null");
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }

    /** Blobs not scanned, binary or too large (unreadable ones are warnings instead). */
    public long blobsSkipped() {
        return blobsSkippedBinary + blobsSkippedTooLarge;
    }
}
