package dev.bulwark.detect.sigma;

/**
 * A rule the engine cannot honour, found while compiling one value or condition. The compiler
 * catches it and turns it into a located {@link SigmaProblem}; it never reaches callers.
 */
final class SigmaSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SigmaSyntaxException(String message) {
        super(message, null, false, false);
    }
}
