package dev.bulwark.core.yaml;

/**
 * A YAML stream could not be read. {@code limit} is true when a safety limit (aliases, nesting,
 * size) was hit rather than a syntax error. Line and column are 1-based; 0 when unknown.
 */
public final class YamlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final boolean limit;

    public YamlException(String message, int line, int column, boolean limit) {
        super(message);
        this.line = line;
        this.column = column;
        this.limit = limit;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public boolean isLimit() {
        return limit;
    }
}
