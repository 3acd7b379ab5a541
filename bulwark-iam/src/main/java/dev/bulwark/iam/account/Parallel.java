package dev.bulwark.iam.account;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs work over a list on a few threads; the caller's thread waits. Items are taken in order, one at a time. */
final class Parallel {
    private Parallel() {}

    static <T> void forEach(List<T> items, int threads, Consumer<T> work) {
        int workers = Math.max(1, Math.min(threads, items.size()));
        if (workers == 1) {
            for (T item : items) {
                work.accept(item);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "bulwark-account-analysis");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new java.util.ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < items.size(); index = next.getAndIncrement()) {
                        work.accept(items.get(index));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("account analysis interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
