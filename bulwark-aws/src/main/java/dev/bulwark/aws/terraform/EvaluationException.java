package dev.bulwark.aws.terraform;

/**
 * A Terraform expression cannot be evaluated (a type error, a failing function, a missing key).
 * Terraform would refuse to plan; the scanner reports it once and treats the value as unknown.
 * {@code try()} and {@code can()} catch it, as in Terraform.
 */
class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    EvaluationException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Used as control flow by try() and can(); the message says what went wrong.
        return this;
    }
}
