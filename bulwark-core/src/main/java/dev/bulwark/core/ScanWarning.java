package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

/**
 * An input that was skipped or only partly read (too large, binary, invalid UTF-8, a symlink
 * loop, a YAML alias bomb). Warnings are reported beside findings and never stop the scan.
 */
public record ScanWarning(String file, int line, String message) implements Comparable<ScanWarning> {
    public ScanWarning {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public int compareTo(ScanWarning other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
