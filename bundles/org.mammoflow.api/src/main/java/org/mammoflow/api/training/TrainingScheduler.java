package org.mammoflow.api.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs training schedules as cancellable background jobs. Progress is posted on Event Admin under
 * {@value #PROGRESS_TOPIC}.
 */
@ProviderType
public interface TrainingScheduler {

    String PROGRESS_TOPIC = "org/mammoflow/training/PROGRESS";

    /** Starts a job and returns at once. */
    TrainingJob submit(TrainingRequest request);

    /** Continues a killed or cancelled run from its last complete checkpoint. */
    TrainingJob resume(Path runDir) throws IOException;

    List<TrainingJob> jobs();

    Optional<TrainingJob> job(String id);
}
