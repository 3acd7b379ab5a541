package dev.bulwark.cli;

/** Exit codes, as documented in the README. */
final class ExitCode {
    /** Nothing at or above the fail threshold. */
    static final int OK = 0;
    /** Findings at or above the fail threshold (or rule lint errors). */
    static final int FINDINGS = 1;
    /** Usage error or fatal error. */
    static final int ERROR = 2;

    private ExitCode() {}
}
