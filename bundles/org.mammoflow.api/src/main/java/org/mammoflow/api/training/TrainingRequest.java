package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.network.NetworkSpec;

/**
 * What to train: a network on the data of a folder (a patch or image manifest), by a schedule,
 * writing checkpoints, metrics and plots into {@code runDir}; optionally starting from weights.
 */
public record TrainingRequest(Path data, Path runDir, NetworkSpec network, Schedule schedule,
        Optional<Path> initialWeights, long seed) {

    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(initialWeights, "initialWeights");
    }
}
