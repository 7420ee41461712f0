package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Predictions on a set of mammograms: one per image, one per breast and one per exam where the files
 * or the dataset name patient and laterality, the calibration used (if the model has one), and the
 * CSV they were written to when one was asked for.
 */
public record PredictionReport(List<ImagePrediction> images, List<BreastPrediction> breasts,
        List<ExamPrediction> exams, Optional<ModelCalibration> calibration, Optional<Path> csv) {

    public PredictionReport {
        images = List.copyOf(images);
        breasts = List.copyOf(breasts);
        exams = List.copyOf(exams);
    }

    public PredictionReport(List<ImagePrediction> images, List<BreastPrediction> breasts, Optional<Path> csv) {
        this(images, breasts, List.of(), Optional.empty(), csv);
    }
}
