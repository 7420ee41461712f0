package org.mammoflow.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ExamPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ViewCombination;

/**
 * Per-breast and per-exam rows from per-image predictions: raw scores combined by the view rule, the
 * calibrated probabilities combined the same way, and each stored operating point's decision on the
 * exam's raw score (the scale its threshold was chosen on).
 */
final class ScreeningRows {

    private final List<Screening.Exam<ImagePrediction>> exams;
    private final ViewCombination views;
    private final Optional<ModelCalibration> calibration;

    ScreeningRows(List<ImagePrediction> images, ViewCombination views, Optional<ModelCalibration> calibration) {
        this.exams = Screening.exams(images, ImagePrediction::attributes);
        this.views = views;
        this.calibration = calibration;
    }

    List<BreastPrediction> breasts() {
        List<BreastPrediction> rows = new ArrayList<>();
        for (Screening.Exam<ImagePrediction> exam : exams) {
            for (Screening.Breast<ImagePrediction> breast : exam.breasts()) {
                rows.add(new BreastPrediction(exam.patientId(), exam.exam(), breast.laterality(),
                        breast.views().stream().map(i -> i.attributes().view()).toList(),
                        exam.missingViews(breast, ImagePrediction::attributes),
                        breast.score(ImagePrediction::malignant, views), calibrated(breast::score)));
            }
        }
        return rows;
    }

    List<ExamPrediction> exams() {
        List<ExamPrediction> rows = new ArrayList<>();
        for (Screening.Exam<ImagePrediction> exam : exams) {
            double score = exam.score(ImagePrediction::malignant, views);
            Map<String, Boolean> recall = new LinkedHashMap<>();
            for (OperatingPoint point : calibration.map(ModelCalibration::operatingPoints).orElse(List.of())) {
                recall.put(point.name(), point.recalls(score));
            }
            rows.add(new ExamPrediction(exam.patientId(), exam.exam(),
                    exam.breasts().stream().map(Screening.Breast::laterality).toList(), exam.images().size(),
                    exam.missingViews(ImagePrediction::attributes), score, calibrated(exam::score), recall));
        }
        return rows;
    }

    /** A breast's or exam's calibrated probability: its images' calibrated ones combined; NaN without a calibration. */
    private double calibrated(Combined combined) {
        return calibration.isPresent() ? combined.score(ImagePrediction::calibrated, views) : Double.NaN;
    }

    @FunctionalInterface
    private interface Combined {
        double score(ToDoubleFunction<ImagePrediction> image, ViewCombination views);
    }
}
