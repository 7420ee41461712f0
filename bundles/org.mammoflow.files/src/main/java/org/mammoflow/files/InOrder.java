package org.mammoflow.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dataset jobs' loop over images, in parallel: a task runs on each item, one worker per
 * processor, and each outcome is handed back in the list's order as soon as it and those before it
 * are done, so that results and progress read as a sequential loop's. A task that fails is reported
 * with its exception and the others go on; an {@link Error} ends the loop. The workers live as long
 * as the call; an interrupt of the calling thread stops them.
 */
public final class InOrder {

    /** The work on one item. */
    @FunctionalInterface
    public interface Task<T, R> {
        R apply(T item) throws IOException;
    }

    /** An item's outcome: its result, or the exception that ended its task (the other is null). */
    @FunctionalInterface
    public interface Outcome<T, R> {
        void accept(int index, T item, R result, Exception failure);
    }

    private InOrder() {
    }

    public static <T, R> void run(List<T> items, Task<T, R> task, Outcome<T, R> outcome) throws IOException {
        int workers = Math.max(1, Math.min(items.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<R>> results = new ArrayList<>();
            for (T item : items) {
                results.add(pool.submit(() -> task.apply(item)));
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    outcome.accept(i, items.get(i), results.get(i).get(), null);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    outcome.accept(i, items.get(i), null, (Exception) e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted after " + items.size() + " items were started");
        } finally {
            pool.shutdownNow();
        }
    }
}
