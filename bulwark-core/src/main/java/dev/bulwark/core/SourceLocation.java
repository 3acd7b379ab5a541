package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

/**
 * A range in a source file. Lines and columns are 1-based and count Unicode code points;
 * {@code endColumn} is exclusive, and {@link #END_OF_LINE} means the range runs to the end of
 * {@code endLine}. {@code file} is the path shown to users, relative to the working directory
 * when inside it, with forward slashes ({@code -} for standard input).
 */
public record SourceLocation(String file, int startLine, int startColumn, int endLine, int endColumn)
        implements Comparable<SourceLocation> {
    /** An {@code endColumn} meaning "to the end of the end line". */
    public static final int END_OF_LINE = Integer.MAX_VALUE;

    public SourceLocation {
        requireNonNull(file, "file is null");
        if (startLine < 1) {
            startLine = 1;
        }
        if (startColumn < 1) {
            startColumn = 1;
        }
        if (endLine < startLine) {
            endLine = startLine;
        }
        if (endLine == startLine && endColumn < startColumn) {
            endColumn = startColumn;
        }
    }

    public static SourceLocation ofLine(String file, int line) {
        return new SourceLocation(file, line, 1, line, 1);
    }

    public static SourceLocation ofLines(String file, int startLine, int endLine) {
        return new SourceLocation(file, startLine, 1, endLine, 1);
    }

    @Override
    public int compareTo(SourceLocation other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(startLine, other.startLine);
        if (byLine != 0) {
            return byLine;
        }
        return Integer.compare(startColumn, other.startColumn);
    }

    @Override
    public String toString() {
        return file + ":" + startLine + ":" + startColumn;
    }
}
