package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.mammoflow.files.CsvTable;

/**
 * The evaluated exams as exams.csv: the columns of {@code mammo:predict}'s exam rows (score and
 * calibrated probability written the same way) and the truth ({@code cancer}: 1 when any image is
 * malignant).
 */
final class ExamTable {

    static final List<String> HEADER = List.of("patient", "exam", "breasts", "images", "missing_views", "malignant",
            "probability", "cancer");

    private ExamTable() {
    }

    static Path write(Path file, ScreeningRequest request) throws IOException {
        Calibration calibration = request.calibration().map(ModelCalibration::calibration).orElse(null);
        List<List<String>> rows = new ArrayList<>();
        for (Screening.Exam<Prediction> exam : Screening.exams(request.test(), Prediction::attributes)) {
            double probability = calibration == null ? Double.NaN
                    : exam.score(p -> calibration.apply(p.malignant()), request.views());
            rows.add(List.of(exam.patientId(), exam.exam(),
                    String.join("+", exam.breasts().stream().map(Screening.Breast::laterality).toList()),
                    Integer.toString(exam.images().size()), Integer.toString(exam.missingViews(Prediction::attributes)),
                    CsvTable.probability(exam.score(Prediction::malignant, request.views())), CsvTable.probability(probability),
                    exam.images().stream().anyMatch(p -> p.label() == 1) ? "1" : "0"));
        }
        CsvTable.write(file, HEADER, rows);
        return file;
    }

}
