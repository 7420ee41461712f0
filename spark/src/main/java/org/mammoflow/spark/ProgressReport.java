package org.mammoflow.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.spark.sql.SparkSession;

/**
 * A job's progress on the driver's console, a line every few seconds when it moved: images done, images
 * a second, time left. Executors count into an accumulator, which Spark merges as their tasks end.
 * How often: {@value #PERIOD}, 5 seconds by default.
 */
final class ProgressReport implements AutoCloseable {

    /** The Spark setting for the seconds between progress lines. */
    static final String PERIOD = "spark.mammoflow.progressSeconds";

    private final String job;
    private final long total;
    private final LongSupplier done;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private long reported = -1;

    ProgressReport(String job, long total, LongSupplier done, PrintStream out, long periodSeconds) {
        this.job = job;
        this.total = total;
        this.done = done;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mammoflow-spark-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    private synchronized void report() {
        long now = done.getAsLong();
        if (now != reported) {
            reported = now;
            out.println(line(now, (System.nanoTime() - start) / 1e9));
        }
    }

    /** The job's progress, every {@link #PERIOD} seconds (5 by default). */
    static ProgressReport of(SparkSession spark, String job, long total, LongSupplier done,
            PrintStream out) {
        long seconds = Long.parseLong(spark.conf().get(PERIOD, "5"));
        if (seconds < 1) {
            throw new IllegalArgumentException(PERIOD + " must be at least 1 second, not " + seconds);
        }
        return new ProgressReport(job, total, done, out, seconds);
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
