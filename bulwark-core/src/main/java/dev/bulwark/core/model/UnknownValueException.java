package dev.bulwark.core.model;

/**
 * Raised when a rule reads an {@link Unknown} value. It extends {@link IllegalArgumentException}
 * because that is what the CEL interpreter turns into an evaluation error, which its logical
 * operators then treat commutatively: {@code unknown || true} is {@code true},
 * {@code unknown && false} is {@code false}, and anything else that depends on the value is an
 * error the rule engine reads as "cannot tell", never as a finding.
 */
public final class UnknownValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** Marks messages of this exception, so the rule engine recognises them in wrapped errors. */
    public static final String MARKER = "bulwark-unknown-value";

    public UnknownValueException(String key) {
        super(MARKER + ": " + key);
    }

    /** Whether {@code failure} or one of its causes comes from reading an unknown value. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof UnknownValueException) {
                return true;
            }
            String message = current.getMessage();
            if (message != null && message.contains(MARKER)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown as control flow on every read of an unknown value: a stack trace would dominate.
        return this;
    }
}
