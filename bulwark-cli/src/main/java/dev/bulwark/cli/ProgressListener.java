package dev.bulwark.cli;

import dev.bulwark.rules.scan.ScanListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a progress bar on the terminal, but only once a scan has run for a moment: short scans
 * print nothing extra. Thread-safe.
 */
final class ProgressListener implements ScanListener {
    private static final long DELAY_MILLIS = 750;

    private final PrintStream err;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile boolean finished;
    private ProgressBar bar;
    private Thread starter;

    ProgressListener(PrintStream err) {
        this.err = err;
    }

    @Override
    public void started(int steps) {
        total = steps;
        starter = new Thread(this::showLater, "bulwark-progress");
        starter.setDaemon(true);
        starter.start();
    }

    private void showLater() {
        try {
            Thread.sleep(DELAY_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (finished) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName("Scanning")
                    .setInitialMax(total)
                    .setUnit(" steps", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(200)
                    .build();
            bar.stepTo(done.get());
        }
    }

    @Override
    public void stepDone() {
        int now = done.incrementAndGet();
        ProgressBar current = bar;
        if (current != null) {
            current.stepTo(now);
        }
    }

    @Override
    public void finished() {
        synchronized (this) {
            finished = true;
            if (starter != null) {
                starter.interrupt();
            }
            if (bar != null) {
                bar.stepTo(total);
                bar.close();
            }
        }
    }
}
