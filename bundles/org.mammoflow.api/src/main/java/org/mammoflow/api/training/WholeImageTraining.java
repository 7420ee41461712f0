package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.network.Precision;

/**
 * The whole-image classifier's training as a user asks for it: the head named {@code head} on the
 * patch network of {@code patchCheckpoint}, the configured two-stage schedule with changes, on the
 * preprocessed images of {@code images} at {@code height} x {@code width}; without a precision, in the backend's
 * training precision.
 */
public record WholeImageTraining(Path patchCheckpoint, String head, Path images, Path runDir, int height, int width,
        ScheduleChanges changes, long seed, Optional<Precision> precision) {

    public WholeImageTraining {
        Objects.requireNonNull(patchCheckpoint, "patchCheckpoint");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(precision, "precision");
        if (height < 32 || width < 32) {
            throw new IllegalArgumentException("image size must be at least 32 x 32, got " + width + " x " + height);
        }
    }

    /** Training in the backend's training precision. */
    public WholeImageTraining(Path patchCheckpoint, String head, Path images, Path runDir, int height, int width,
            ScheduleChanges changes, long seed) {
        this(patchCheckpoint, head, images, runDir, height, width, changes, seed, Optional.empty());
    }
}
