package org.mammoflow.api.training;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** A running or finished training job. */
@ProviderType
public interface TrainingJob {

    String id();

    /** The folder holding this run's checkpoints, metrics and plots. */
    Path runDir();

    JobProgress progress();

    /** Asks the job to stop at the next batch boundary; it ends CANCELLED. */
    void cancel();
}
