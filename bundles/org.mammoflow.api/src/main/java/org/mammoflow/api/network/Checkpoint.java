package org.mammoflow.api.network;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.image.PreprocessingSettings;

/**
 * A saved network: its weights file, what it is, where in its schedule it was saved, and how its
 * training images were preprocessed (when the dataset recorded it), so that inference on a raw
 * mammogram preprocesses it the same way.
 */
public record Checkpoint(Path file, NetworkSpec spec, int stage, int epoch, Map<String, Double> metrics,
        Optional<PreprocessingSettings> preprocessing) {

    public Checkpoint {
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /** A checkpoint that records no preprocessing. */
    public Checkpoint(Path file, NetworkSpec spec, int stage, int epoch, Map<String, Double> metrics) {
        this(file, spec, stage, epoch, metrics, Optional.empty());
    }
}
