package org.mammoflow.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A job's progress on the driver's console, a line every few seconds when it moved: images done, images
 * a second, time left. Executors count into an accumulator, which Spark merges as their tasks end.
 */
final class ProgressReport implements AutoCloseable {

    private static final long PERIOD_SECONDS = 5;

    private final String job;
    private final long total;
    private final LongSupplier done;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private long reported = -1;

    ProgressReport(String job, long total, LongSupplier done, PrintStream out) {
        this.job = job;
        this.total = total;
        this.done = done;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mammoflow-spark-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void report() {
        long now = done.getAsLong();
        if (now != reported) {
            reported = now;
            out.println(line(now, (System.nanoTime() - start) / 1e9));
        }
    }

    /** For example {@code predict: 120/200 images, 3.4 images/s, 24 s left}. */
    String line(long images, double seconds) {
        double rate = seconds > 0 ? images / seconds : 0;
        String left = rate > 0 ? String.format(Locale.ROOT, ", %.0f s left", (total - images) / rate) : "";
        return String.format(Locale.ROOT, "%s: %d/%d images, %.1f images/s%s", job, images, total, rate, left);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}
