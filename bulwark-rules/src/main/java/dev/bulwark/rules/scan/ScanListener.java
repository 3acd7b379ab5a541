package dev.bulwark.rules.scan;

/** Progress callbacks; called from worker threads, so implementations must be thread-safe. */
public interface ScanListener {
    /** Called once, when the inputs are known. */
    void started(int files);

    /** Called after each file is read and adapted. */
    void fileDone();

    /** Called once, when all rules have run. */
    void finished();

    ScanListener NONE = new ScanListener() {
        @Override
        public void started(int files) {}

        @Override
        public void fileDone() {}

        @Override
        public void finished() {}
    };
}
