package org.mammoflow.training;

import java.io.IOException;

import org.mammoflow.api.network.Batch;

/** One pass over a split as batches, in the order the pass was drawn in. */
interface BatchSource extends AutoCloseable {

    /** The next batch, or null after the last. */
    Batch next() throws IOException, InterruptedException;

    int batches();

    /** How long the consumer has waited for data so far. */
    long waitNanos();

    @Override
    void close();
}
