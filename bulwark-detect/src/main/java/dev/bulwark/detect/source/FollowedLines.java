package dev.bulwark.detect.source;

/**
 * The lines of a followed file: JSON lines or VPC flow log text, decided by the first non-blank
 * line (or the hint), since a growing file has no end to peek at.
 */
final class FollowedLines implements LineHandler {
    private final InputRun run;
    private final JsonTrees trees;
    private LineHandler format;

    FollowedLines(InputRun run, JsonTrees trees) {
        this.run = run;
        this.trees = trees;
        if (run.hinted()) {
            format = run.format() == LogFormat.VPC_FLOW ? new VpcFlowLogs(run) : new JsonLines(run, trees);
        }
    }

    @Override
    public void line(byte[] bytes, int offset, int length, long number) {
        if (format == null) {
            if (JsonLines.isBlank(bytes, offset, length)) {
                return;
            }
            int first = offset;
            while (bytes[first] == ' ' || bytes[first] == '\t') {
                first++;
            }
            format = bytes[first] == '{' || bytes[first] == '[' ? new JsonLines(run, trees) : new VpcFlowLogs(run);
        }
        format.line(bytes, offset, length, number);
    }

    @Override
    public void tooLong(long number, int limit) {
        run.warn(number, "line longer than " + limit + " bytes; skipped");
    }
}
