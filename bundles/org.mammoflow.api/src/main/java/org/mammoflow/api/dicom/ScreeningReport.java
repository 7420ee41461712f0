package org.mammoflow.api.dicom;

import java.util.List;
import java.util.Objects;

import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ExamPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.OperatingPoint;

/**
 * One exam's result as a report states it: the study, every image used with its score, each breast's
 * and the exam's score, the decision at each operating point, and the model that gave them.
 *
 * @param scores one per image, matched to {@code images} by file
 * @param operatingPoints the points the exam's {@code recall} decisions were taken at
 */
public record ScreeningReport(DicomStudy study, List<DicomImage> images, List<ImagePrediction> scores,
        List<BreastPrediction> breasts, ExamPrediction exam, List<OperatingPoint> operatingPoints,
        ModelIdentity model) {

    public ScreeningReport {
        Objects.requireNonNull(study, "study");
        images = List.copyOf(images);
        scores = List.copyOf(scores);
        breasts = List.copyOf(breasts);
        Objects.requireNonNull(exam, "exam");
        operatingPoints = List.copyOf(operatingPoints);
        Objects.requireNonNull(model, "model");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a report refers to at least one image");
        }
    }
}
