package org.mammoflow.training;

import java.io.IOException;
import java.util.List;

import org.mammoflow.api.network.Network;

/**
 * Told when an epoch has ended, in the spirit of DJL's TrainingListener: each listener does one job
 * (the metrics and the curve, the checkpoints) and the training loop knows none of them.
 */
interface EpochListener {

    /** The epoch {@code ended} is the last of {@code history}, which holds every epoch of the run so far. */
    void epochEnded(Network network, EpochMetrics ended, List<EpochMetrics> history) throws IOException;
}
