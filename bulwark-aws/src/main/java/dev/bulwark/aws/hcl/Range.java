package dev.bulwark.aws.hcl;

/** A range in an HCL source: 1-based lines and columns, end column exclusive. */
public record Range(int startLine, int startColumn, int endLine, int endColumn) {
    public static final Range NONE = new Range(0, 0, 0, 0);

    public Range to(Range end) {
        return new Range(startLine, startColumn, end.endLine, end.endColumn);
    }

    public boolean contains(Range other) {
        if (other.startLine < startLine || other.endLine > endLine) {
            return false;
        }
        if (other.startLine == startLine && other.startColumn < startColumn) {
            return false;
        }
        return other.endLine != endLine || other.endColumn <= endColumn;
    }
}
