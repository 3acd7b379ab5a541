package dev.bulwark.rules.scan;

/** Progress callbacks; called from worker threads, so implementations must be thread-safe. */
public interface ScanListener {
    /** Called once, when the inputs are known: the scan takes {@code steps} steps (each file is read, then checked). */
    void started(int steps);

    /** Called after each step. */
    void stepDone();

    /** Called once, when all rules have run. */
    void finished();

    ScanListener NONE = new ScanListener() {
        @Override
        public void started(int steps) {}

        @Override
        public void stepDone() {}

        @Override
        public void finished() {}
    };
}
