package org.mammoflow.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ExamPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.files.CsvTable;

/**
 * Predictions as one CSV: rows of kind {@code image}, then {@code breast} (its views joined by '+'),
 * then {@code exam} (its breasts joined by '+'); {@code malignant} is the model's score,
 * {@code probability} the calibrated one (empty without a calibration), and one {@code recall_NAME}
 * column per stored operating point, filled on exam rows (1: recall, 0: not).
 */
final class PredictionCsv {

    static final List<String> HEADER = List.of("kind", "file", "patient", "exam", "laterality", "view", "images",
            "missing_views", "malignant", "probability");

    private PredictionCsv() {
    }

    static void write(Path file, PredictionReport report) throws IOException {
        List<OperatingPoint> points = report.calibration().map(ModelCalibration::operatingPoints).orElse(List.of());
        List<String> header = new ArrayList<>(HEADER);
        points.forEach(p -> header.add("recall_" + p.name()));
        List<List<String>> rows = new ArrayList<>();
        for (ImagePrediction image : report.images()) {
            ImageAttributes a = image.attributes();
            rows.add(row(points, List.of("image", image.file().toString(), a.patientId(), a.exam(), a.laterality(),
                    a.view(), "1", "", CsvTable.probability(image.malignant()), CsvTable.probability(image.calibrated())), Optional.empty()));
        }
        for (BreastPrediction b : report.breasts()) {
            rows.add(row(points, List.of("breast", "", b.patientId(), b.exam(), b.laterality(), String.join("+", b.views()),
                    Integer.toString(b.views().size()), Integer.toString(b.missingViews()), CsvTable.probability(b.malignant()),
                    CsvTable.probability(b.calibrated())), Optional.empty()));
        }
        for (ExamPrediction e : report.exams()) {
            rows.add(row(points, List.of("exam", "", e.patientId(), e.exam(), String.join("+", e.breasts()), "",
                    Integer.toString(e.images()), Integer.toString(e.missingViews()), CsvTable.probability(e.malignant()),
                    CsvTable.probability(e.calibrated())), Optional.of(e)));
        }
        CsvTable.write(file, header, rows);
    }

    private static List<String> row(List<OperatingPoint> points, List<String> cells, Optional<ExamPrediction> exam) {
        List<String> row = new ArrayList<>(cells);
        for (OperatingPoint p : points) {
            row.add(exam.map(e -> e.recall().get(p.name()) ? "1" : "0").orElse(""));
        }
        return row;
    }
}
