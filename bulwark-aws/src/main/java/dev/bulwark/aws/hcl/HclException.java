package dev.bulwark.aws.hcl;

/** A syntax error in an HCL or Terraform JSON file, with the 1-based position where it was found. */
public final class HclException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public HclException(String message, int line, int column) {
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
