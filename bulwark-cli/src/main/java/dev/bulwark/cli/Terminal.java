package dev.bulwark.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The process's streams and whether they are an interactive terminal. Tests pass their own.
 *
 * @param interactive true when standard output is a terminal (colour, progress bar)
 */
record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    static Terminal system() {
        boolean interactive = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(System.in, System.out, System.err, interactive);
    }
}
