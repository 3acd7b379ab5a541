package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;

/** The {@code --threads} option every command that runs a pool shares: default, bounds and message. */
final class WorkerThreads {
    /** More threads than this is a typo, not a machine. */
    static final int MAX = 512;

    private WorkerThreads() {}

    /** {@code requested}, or the number of processors when it is null; a user error outside 1 to {@value #MAX}. */
    static int of(Integer requested) {
        int count = requested == null ? Runtime.getRuntime().availableProcessors() : requested;
        if (count < 1 || count > MAX) {
            throw BulwarkException.userError("--threads must be between 1 and " + MAX + ", not " + count);
        }
        return count;
    }
}
