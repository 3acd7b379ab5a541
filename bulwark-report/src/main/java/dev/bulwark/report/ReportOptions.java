package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings shared by the report writers.
 *
 * @param color whether the {@code table} format may use ANSI colours; the caller decides (a terminal
 *     yes, a pipe or a file no). Other formats ignore it.
 * @param sourceRoot the directory finding paths are relative to; SARIF states it as the absolute
 *     URI of {@code %SRCROOT%}. Empty when unknown (SARIF then describes {@code %SRCROOT%} without a URI).
 * @param informationUri the project's home page, named as the tool's {@code informationUri} in SARIF
 *     and {@code url_string} in OCSF
 */
public record ReportOptions(boolean color, Optional<Path> sourceRoot, URI informationUri) {
    /** The home page used by {@link #defaults()}. */
    public static final URI DEFAULT_INFORMATION_URI = URI.create("https://bulwark.dev");

    public ReportOptions {
        requireNonNull(sourceRoot, "sourceRoot is null");
        requireNonNull(informationUri, "informationUri is null");
        if (!informationUri.isAbsolute()) {
            throw new IllegalArgumentException("informationUri must be absolute: " + informationUri);
        }
    }

    /** No colour, no source root, the default home page. */
    public static ReportOptions defaults() {
        return new ReportOptions(false, Optional.empty(), DEFAULT_INFORMATION_URI);
    }

    public ReportOptions withColor(boolean newColor) {
        return new ReportOptions(newColor, sourceRoot, informationUri);
    }

    public ReportOptions withSourceRoot(Path newSourceRoot) {
        return new ReportOptions(color, Optional.of(newSourceRoot), informationUri);
    }

    public ReportOptions withInformationUri(URI newInformationUri) {
        return new ReportOptions(color, sourceRoot, newInformationUri);
    }
}
