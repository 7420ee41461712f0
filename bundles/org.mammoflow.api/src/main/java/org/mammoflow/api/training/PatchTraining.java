package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.network.Precision;

/**
 * The patch classifier's training as a user asks for it: the configured three-stage schedule with
 * changes, on patches of {@code size} pixels; the paper's "layer4.2" stands for the architecture's
 * last block. Without a precision the network computes in the backend's training precision.
 */
public record PatchTraining(Path patches, Path runDir, String architecture, int size, ScheduleChanges changes,
        Optional<Path> initialWeights, long seed, Optional<Precision> precision) {

    public PatchTraining {
        Objects.requireNonNull(patches, "patches");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(initialWeights, "initialWeights");
        Objects.requireNonNull(precision, "precision");
        if (size < 32) {
            throw new IllegalArgumentException("patch size must be at least 32 pixels, got " + size);
        }
    }

    /** Training in the backend's training precision. */
    public PatchTraining(Path patches, Path runDir, String architecture, int size, ScheduleChanges changes,
            Optional<Path> initialWeights, long seed) {
        this(patches, runDir, architecture, size, changes, initialWeights, seed, Optional.empty());
    }
}
