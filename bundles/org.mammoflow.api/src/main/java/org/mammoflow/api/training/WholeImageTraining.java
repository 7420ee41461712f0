package org.mammoflow.api.training;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole-image classifier's training as a user asks for it: the head named {@code head} on the
 * patch network of {@code patchCheckpoint}, the configured two-stage schedule with changes, on the
 * preprocessed images of {@code images} at {@code height} x {@code width}.
 */
public record WholeImageTraining(Path patchCheckpoint, String head, Path images, Path runDir, int height, int width,
        ScheduleChanges changes, long seed) {

    public WholeImageTraining {
        Objects.requireNonNull(patchCheckpoint, "patchCheckpoint");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(changes, "changes");
        if (height < 32 || width < 32) {
            throw new IllegalArgumentException("image size must be at least 32 x 32, got " + width + " x " + height);
        }
    }
}
