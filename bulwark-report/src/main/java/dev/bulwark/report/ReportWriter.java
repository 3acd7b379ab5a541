package dev.bulwark.report;

import dev.bulwark.core.ScanReport;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link ScanReport} in one output format. A sink never decides what is a finding: it
 * shows what the report holds, suppressed findings included and marked.
 *
 * <p>Implementations are immutable and safe to use from several threads. Output is UTF-8 and
 * deterministic: the same report gives the same bytes.
 */
public interface ReportWriter {
    /** The format name, as accepted by {@link ReportWriters#create}: {@code table}, {@code json}, ... */
    String format();

    /**
     * Writes {@code report} to {@code out} and flushes it. The stream is left open: the caller owns it.
     *
     * @throws IOException when writing to {@code out} fails
     */
    void write(ScanReport report, OutputStream out) throws IOException;
}
