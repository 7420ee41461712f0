package org.mammoflow.pacs;

import java.io.IOException;

/** Time spent in one kind of work, summed over the calls it timed. */
final class Stopwatch {

    /** Work that may fail with an IOException. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** Work without a result. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    private long nanos;

    <T> T time(Work<T> work) throws IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    void measure(Step step) throws IOException {
        time(() -> {
            step.run();
            return null;
        });
    }

    double seconds() {
        return nanos / 1e9;
    }
}
