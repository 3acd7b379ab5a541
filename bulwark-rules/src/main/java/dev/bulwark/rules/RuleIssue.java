package dev.bulwark.rules;

import static java.util.Objects.requireNonNull;

/**
 * A problem with a rule file, located to file:line:column (1-based, 0 when unknown). Errors stop
 * the rule from loading; warnings (missing optional metadata) do not.
 */
public record RuleIssue(String file, int line, int column, Level level, String message) implements Comparable<RuleIssue> {
    public enum Level {
        ERROR,
        WARNING
    }

    public RuleIssue {
        requireNonNull(file, "file is null");
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
    }

    public static RuleIssue error(String file, int line, int column, String message) {
        return new RuleIssue(file, line, column, Level.ERROR, message);
    }

    public static RuleIssue warning(String file, int line, int column, String message) {
        return new RuleIssue(file, line, column, Level.WARNING, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public int compareTo(RuleIssue other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        if (byLine != 0) {
            return byLine;
        }
        int byColumn = Integer.compare(column, other.column);
        return byColumn != 0 ? byColumn : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + Math.max(column, 1) : file;
        return where + ": " + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
