package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;

/**
 * What to train: a network on the data of a folder (a patch or image manifest), by a schedule,
 * writing checkpoints, metrics and plots into {@code runDir}; optionally starting from weights.
 * {@code wholeImage}: whole mammograms through a patch network topped by a head (its first stage may
 * train on the frozen network's cached features, and images get the whole-image augmentation), rather
 * than patches. {@code precision}: what the network computes in (empty: the backend's training precision).
 */
public record TrainingRequest(Path data, Path runDir, NetworkSpec network, Schedule schedule,
        Optional<Path> initialWeights, long seed, boolean wholeImage, Optional<Precision> precision) {

    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(initialWeights, "initialWeights");
        Objects.requireNonNull(precision, "precision");
    }

    /** A request in the backend's training precision. */
    public TrainingRequest(Path data, Path runDir, NetworkSpec network, Schedule schedule,
            Optional<Path> initialWeights, long seed, boolean wholeImage) {
        this(data, runDir, network, schedule, initialWeights, seed, wholeImage, Optional.empty());
    }

    /** A request whose kind its network tells: whole-image training for a network with a head (resnet50+...). */
    public TrainingRequest(Path data, Path runDir, NetworkSpec network, Schedule schedule, Optional<Path> initialWeights,
            long seed) {
        this(data, runDir, network, schedule, initialWeights, seed, isWholeImage(network));
    }

    private static boolean isWholeImage(NetworkSpec network) {
        return network.head().isPresent() || network.architecture().contains("+");
    }
}
