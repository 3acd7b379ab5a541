package dev.bulwark.iam.json;

/** Text that is not JSON, or JSON beyond the reader's limits; the message names the line and column. */
public final class JsonSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public JsonSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
