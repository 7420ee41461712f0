package org.mammoflow.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ExamPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.PredictionReport;

/** Predictions as the console prints them: one line an image, a breast, an exam. */
final class PredictionSummary {

    private PredictionSummary() {
    }

    static String of(PredictionReport report) {
        List<String> lines = new ArrayList<>();
        for (ImagePrediction image : report.images()) {
            lines.add(String.format(Locale.ROOT, "%s: malignant %.3f%s", image.file(), image.malignant(),
                    calibrated(image.calibrated())));
        }
        for (BreastPrediction breast : report.breasts()) {
            lines.add(String.format(Locale.ROOT, "patient %s%s breast %s (%s): malignant %.3f%s", breast.patientId(),
                    exam(breast.exam()), breast.laterality(), String.join("+", breast.views()), breast.malignant(),
                    calibrated(breast.calibrated())));
        }
        for (ExamPrediction exam : report.exams()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "exam of patient %s%s (%d images, %d of 4 views missing): malignant %.3f%s", exam.patientId(),
                    exam(exam.exam()), exam.images(), exam.missingViews(), exam.malignant(), calibrated(exam.calibrated())));
            exam.recall().forEach((point, recall) -> line.append(", ").append(point).append(recall ? ": recall" : ": no recall"));
            lines.add(line.toString());
        }
        if (report.breasts().isEmpty()) {
            lines.add("no per-breast or per-exam rows: " + missing(report.images()));
        }
        report.csv().ifPresent(csv -> lines.add("wrote " + csv));
        return String.join("\n", lines);
    }

    /** Which of patient and laterality the images do not name, and where they would come from. */
    private static String missing(List<ImagePrediction> images) {
        boolean patient = images.stream().anyMatch(i -> !i.attributes().patientId().isEmpty());
        boolean laterality = images.stream().anyMatch(i -> !i.attributes().laterality().isEmpty());
        List<String> absent = new ArrayList<>();
        if (!patient) {
            absent.add("patient (DICOM PatientID, dataset.csv column patient)");
        }
        if (!laterality) {
            absent.add("laterality (DICOM ImageLaterality or Laterality, dataset.csv column laterality)");
        }
        return absent.isEmpty() ? "no image names both its patient and its breast"
                : "the images name no " + String.join(" and no ", absent);
    }

    private static String exam(String exam) {
        return exam.isEmpty() ? "" : " exam " + exam;
    }

    private static String calibrated(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, " (calibrated %.3f)", p);
    }
}
