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

    /** Keys of a progress event's properties: the {@link JobProgress} fields. */
    String EVENT_JOB = "job";
    String EVENT_STATE = "state";
    String EVENT_STAGE = "stage";
    String EVENT_EPOCH = "epoch";
    String EVENT_BATCH = "batch";
    String EVENT_BATCHES = "batches";
    String EVENT_LOSS = "loss";
    String EVENT_ACCURACY = "accuracy";
    String EVENT_IMAGES_PER_SECOND = "imagesPerSecond";
    String EVENT_REMAINING_SECONDS = "remainingSeconds";
    String EVENT_MESSAGE = "message";

    /** The patch-classifier schedule as configured (the paper's by default). */
    Schedule patchSchedule();

    /** The whole-image schedule as configured: {@code newLayers} first, then everything. */
    Schedule wholeImageSchedule(List<String> newLayers);

    /**
     * Starts a job and returns at once.
     *
     * @throws IOException naming the data folder when its manifest is missing or invalid
     */
    TrainingJob submit(TrainingRequest request) throws IOException;

    /**
     * Starts the patch classifier's training: the network the request names, the configured schedule
     * with its changes. Everything is checked before the job starts.
     */
    TrainingJob submitPatch(PatchTraining request) throws IOException;

    /**
     * Starts the whole-image classifier's training: the named head's layers on the patch checkpoint's
     * network, the configured schedule with its changes, initial weights from the patch checkpoint.
     * An unknown head is refused before the job starts, naming the heads there are.
     */
    TrainingJob submitWholeImage(WholeImageTraining request) throws IOException;

    /** Names of the whole-image heads present (service property {@code head.name}). */
    List<String> heads();

    /** Continues a killed or cancelled run from its last complete checkpoint. */
    TrainingJob resume(Path runDir) throws IOException;

    List<TrainingJob> jobs();

    Optional<TrainingJob> job(String id);

    /** A job's log lines so far (also in its run folder's train.log). */
    List<String> log(String id);

    /** Blocks until the job has ended (returns at once for an unknown or finished job). */
    void await(String id) throws InterruptedException;
}
