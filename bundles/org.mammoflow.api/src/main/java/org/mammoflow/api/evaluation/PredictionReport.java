package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Predictions on a set of mammograms: one per image, one per breast where the files name patient
 * and laterality, and the CSV they were written to when one was asked for.
 */
public record PredictionReport(List<ImagePrediction> images, List<BreastPrediction> breasts, Optional<Path> csv) {

    public PredictionReport {
        images = List.copyOf(images);
        breasts = List.copyOf(breasts);
    }
}
