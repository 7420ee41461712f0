package org.mammoflow.shell;

import java.io.PrintStream;
import java.util.Locale;

/** Prints "what n/total (rate/s, time left)" at most once a second and at the end. */
final class Progress {

    private final String what;
    private int total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int done;

    Progress(String what, int total, PrintStream out) {
        this.what = what;
        this.total = total;
        this.out = out;
    }

    /** One more done, of a total known only once the work has started. */
    void step(int newTotal) {
        total = newTotal;
        step();
    }

    void step() {
        done++;
        long now = System.nanoTime();
        if (done == total || now - lastPrint > 1_000_000_000L) {
            lastPrint = now;
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            double rate = done / seconds;
            out.printf(Locale.ROOT, "%s %d/%d (%.1f/s, %.0f s left)%n", what, done, total, rate,
                    (total - done) / Math.max(rate, 1e-9));
        }
    }
}
