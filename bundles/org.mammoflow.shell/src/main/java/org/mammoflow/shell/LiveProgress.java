package org.mammoflow.shell;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.TrainingJob;

/**
 * A job followed on a terminal: one status line redrawn in place (stage, epoch, batch, loss,
 * accuracy, images/s, time left), and the job's line for each finished epoch kept above it.
 */
final class LiveProgress {

    /** Back to the line's start and erase it (ANSI: carriage return, erase in line). */
    static final String CLEAR_LINE = "\r\u001b[K";
    private static final long REDRAW_MILLIS = 250;

    private LiveProgress() {
    }

    /**
     * Redraws until the job ends, then erases the status line; {@code log} is the job's log, of
     * which the epoch lines (with a validation loss) are printed as they appear.
     */
    static void follow(TrainingJob job, Supplier<List<String>> log, PrintWriter out, IntSupplier width)
            throws InterruptedException {
        try {
            draw(job, log, out, width);
        } catch (InterruptedException e) {
            // gogo drops an interrupted command's error: say here why the line stopped
            out.print(CLEAR_LINE + "stopped following " + job.id() + "; it keeps running (mammo:jobs, mammo:cancel "
                    + job.id() + ")\n");
            out.flush();
            throw e;
        }
    }

    private static void draw(TrainingJob job, Supplier<List<String>> log, PrintWriter out, IntSupplier width)
            throws InterruptedException {
        int seen = 0;
        while (true) {
            boolean finished = job.progress().state().finished(); // read first: no epoch line is missed
            List<String> lines = log.get();
            for (String line : lines.subList(Math.min(seen, lines.size()), lines.size())) {
                if (line.contains("validation loss")) {
                    out.print(CLEAR_LINE + line + "\n");
                }
            }
            seen = lines.size();
            if (finished) {
                out.print(CLEAR_LINE);
                out.flush();
                return;
            }
            out.print(CLEAR_LINE + fit(status(job.progress()), width.getAsInt() - 1));
            out.flush();
            Thread.sleep(REDRAW_MILLIS);
        }
    }

    /** "job-1 stage 3/3 epoch 2/5 batch 120/400 loss 0.4321 acc 0.812 31.5 img/s 0:12:03 left" */
    static String status(JobProgress p) {
        if (p.stage() == 0) { // not training yet: reading data, building the network
            return p.jobId() + " " + p.state().name().toLowerCase(Locale.ROOT) + (p.message().isEmpty() ? ""
                    : ": " + p.message());
        }
        return String.format(Locale.ROOT, "%s stage %d/%d epoch %d/%d batch %d/%d loss %s acc %s %.1f img/s"
                + " %s left", p.jobId(), p.stage(), p.stages(), p.epoch(), p.epochs(), p.batch(), p.batches(),
                figure(p.loss(), "%.4f"), figure(p.accuracy(), "%.3f"), p.imagesPerSecond(), clock(p.remaining()));
    }

    /** A figure, or "-" before there is one (a job computing its feature cache has no loss yet). */
    static String figure(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** A duration as h:mm:ss. */
    static String clock(Duration time) {
        long seconds = time.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** The text cut to the terminal's width, so that it never wraps (a wrapped line cannot be redrawn). */
    private static String fit(String text, int width) {
        return width > 0 && text.length() > width ? text.substring(0, width) : text;
    }
}
