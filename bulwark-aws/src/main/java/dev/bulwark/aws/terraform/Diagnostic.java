package dev.bulwark.aws.terraform;

import static java.util.Objects.requireNonNull;

import dev.bulwark.aws.hcl.Range;
import dev.bulwark.core.source.SourceFile;

/**
 * Something the evaluator could not work out, located where it was written: an undeclared
 * reference, a reference cycle, a module that calls itself, a function that failed. The value
 * involved becomes unknown and the scan goes on; the scanner reports these as warnings.
 */
public record Diagnostic(String file, int line, String message) implements Comparable<Diagnostic> {
    public Diagnostic {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }

    static Diagnostic of(SourceFile file, Range range, String message) {
        return new Diagnostic(file.displayPath(), range == null ? 0 : range.startLine(), message);
    }

    @Override
    public int compareTo(Diagnostic other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : message.compareTo(other.message);
    }
}
