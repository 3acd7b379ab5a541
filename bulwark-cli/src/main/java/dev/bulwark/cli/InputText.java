package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one input file a command names (a policy, a request, an export) with the scanner's checks: size, binary, UTF-8. */
final class InputText {
    private InputText() {}

    /** The file's text; a missing, oversized, binary or non-UTF-8 file is a user error that names it. */
    static SourceFile read(Path file, long maxBytes) {
        return read(file, file.toString(), maxBytes);
    }

    /** The same, the file named {@code displayPath} in messages and in the text's locations. */
    static SourceFile read(Path file, String displayPath, long maxBytes) {
        if (!Files.isRegularFile(file)) {
            throw BulwarkException.userError("file not found: " + file);
        }
        SourceReader.Outcome outcome = new SourceReader(maxBytes).read(file, displayPath);
        if (outcome.file().isEmpty()) {
            throw BulwarkException.userError(file + ": " + outcome.skipped().orElse("cannot read"));
        }
        return outcome.file().get();
    }

    /** Standard input's text, shown as {@code -}, with the same checks. */
    static SourceFile read(java.io.InputStream in, long maxBytes) {
        SourceReader.Outcome outcome = new SourceReader(maxBytes).read(in, "-");
        if (outcome.file().isEmpty()) {
            throw BulwarkException.userError("standard input: " + outcome.skipped().orElse("cannot read"));
        }
        return outcome.file().get();
    }
}
