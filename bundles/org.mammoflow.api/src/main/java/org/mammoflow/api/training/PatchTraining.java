package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The patch classifier's training as a user asks for it: the configured three-stage schedule with
 * changes, on patches of {@code size} pixels; the paper's "layer4.2" stands for the architecture's
 * last block.
 */
public record PatchTraining(Path patches, Path runDir, String architecture, int size, ScheduleChanges changes,
        Optional<Path> initialWeights, long seed) {

    public PatchTraining {
        Objects.requireNonNull(patches, "patches");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(initialWeights, "initialWeights");
        if (size < 32) {
            throw new IllegalArgumentException("patch size must be at least 32 pixels, got " + size);
        }
    }
}
