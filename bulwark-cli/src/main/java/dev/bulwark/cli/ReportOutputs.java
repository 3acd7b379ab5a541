package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ScanReport;
import dev.bulwark.report.ReportOptions;
import dev.bulwark.report.ReportWriter;
import dev.bulwark.report.ReportWriters;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code --format FORMAT[=FILE]} outputs of a command that writes a {@link ScanReport}. */
final class ReportOutputs {
    private final List<OutputSpec> outputs;

    private ReportOutputs(List<OutputSpec> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** Parses {@code --format} values (none means {@code table}); rejects unknown formats and two on standard output. */
    static ReportOutputs parse(List<String> formats) {
        List<OutputSpec> outputs = new ArrayList<>();
        for (String text : formats.isEmpty() ? List.of("table") : formats) {
            OutputSpec spec = OutputSpec.parse(text);
            if (!ReportWriters.FORMATS.contains(spec.format())) {
                throw BulwarkException.userError("--format: unknown format '" + spec.format() + "' (accepted: "
                        + String.join(", ", ReportWriters.FORMATS) + ")");
            }
            outputs.add(spec);
        }
        long toStdout = outputs.stream().filter(spec -> spec.file().isEmpty()).count();
        if (toStdout > 1) {
            throw BulwarkException.userError("--format: only one format can go to standard output; send the others to files, e.g. --format sarif=results.sarif");
        }
        return new ReportOutputs(outputs);
    }

    /**
     * Writes {@code report} in every format, then the baseline file when asked for, and returns the
     * exit code: {@link ExitCode#FINDINGS} when an unsuppressed finding is at or above {@code threshold}.
     */
    int finish(ScanReport report, Terminal terminal, boolean noColor, Path writeBaseline, FailThreshold threshold) {
        write(report, terminal, noColor);
        if (writeBaseline != null) {
            dev.bulwark.core.findings.Baseline.write(writeBaseline, report.findings());
            terminal.err().println("baseline with " + report.activeFindings().size() + " findings written to " + writeBaseline);
        }
        for (dev.bulwark.core.Finding finding : report.findings()) {
            if (!finding.isSuppressed() && threshold.fails(finding.severity())) {
                return ExitCode.FINDINGS;
            }
        }
        return ExitCode.OK;
    }

    /** Writes {@code report} in every format; colour only for a table on an interactive terminal. */
    void write(ScanReport report, Terminal terminal, boolean noColor) {
        for (OutputSpec spec : outputs) {
            boolean color = spec.file().isEmpty() && terminal.interactive() && !noColor;
            ReportWriter writer = ReportWriters.create(spec.format(),
                    ReportOptions.defaults().withColor(color).withSourceRoot(Path.of("").toAbsolutePath()));
            try {
                if (spec.file().isPresent()) {
                    Path file = spec.file().get();
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                        writer.write(report, out);
                    }
                } else {
                    OutputStream out = new BufferedOutputStream(terminal.out());
                    writer.write(report, out);
                    out.flush();
                }
            } catch (IOException e) {
                throw BulwarkException.userError("cannot write " + spec.format() + " report"
                        + spec.file().map(file -> " to " + file).orElse("") + ": " + e.getMessage());
            }
        }
    }
}
