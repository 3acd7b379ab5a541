package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** Creates the {@link ReportWriter} for a format name. */
public final class ReportWriters {
    /** The accepted format names, in the order help texts list them. */
    public static final List<String> FORMATS = List.of("table", "json", "sarif", "junit", "html");

    private ReportWriters() {}

    /**
     * Returns a writer for {@code format} (case-insensitive, surrounding blanks ignored). The writer
     * is immutable and thread-safe.
     *
     * @throws IllegalArgumentException naming the accepted formats when {@code format} is not one of {@link #FORMATS}
     * @throws NullPointerException when {@code options} is null
     */
    public static ReportWriter create(String format, ReportOptions options) {
        requireNonNull(options, "options is null");
        String normalized = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "table" -> new TableReportWriter(options);
            case "json" -> new OcsfJsonReportWriter(options);
            case "sarif" -> new SarifReportWriter(options);
            case "junit" -> new JunitReportWriter();
            case "html" -> new HtmlReportWriter();
            default -> throw new IllegalArgumentException(
                    "unknown report format '" + format + "' (expected one of " + String.join(", ", FORMATS) + ")");
        };
    }
}
