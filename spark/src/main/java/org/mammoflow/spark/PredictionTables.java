package org.mammoflow.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.CsvTable;

/**
 * The job's results as three tables, each as CSV and as Parquet: images (one row each, with its error
 * where it has no probability), breasts (the largest probability over a breast's views, the paper's
 * rule, as {@code mammo:predict} takes it by default) and exams (the largest over the exam's breasts), grouped
 * by the API's one rule ({@link Screening}); with a stored calibration, as {@code mammo:predict} writes it too:
 * calibrated probabilities and the operating points' recall decisions. Columns as
 * {@code mammo:predict -o}, plus the exam, the error, the DICOM UIDs and the checkpoints' SHA-256 ('+'
 * between an ensemble's members). The output folder appears whole or not at all.
 */
final class PredictionTables {

    static final List<String> IMAGES = List.of("file", "patient", "exam", "laterality", "view", "malignant",
            "probability", "error", "study_uid", "series_uid", "sop_instance_uid", "checkpoint_sha256");
    static final List<String> BREASTS = List.of("patient", "exam", "laterality", "view", "malignant", "probability",
            "checkpoint_sha256");
    static final List<String> EXAMS = List.of("patient", "exam", "laterality", "images", "malignant", "probability",
            "checkpoint_sha256");
    private static final Set<String> NUMBERS = Set.of("malignant", "probability");

    private final List<ImageRow> images;
    private final List<Screening.Exam<ImageRow>> exams;
    private final String checkpoints;
    private final Optional<ModelCalibration> calibration;
    private final ViewCombination views;

    /**
     * The tables of these images; with the checkpoints' stored calibration, also the calibrated
     * probability of every row and each stored operating point's decision per exam, breasts combined
     * by the rule the calibration was fitted with (else by their largest view).
     */
    PredictionTables(List<ImageRow> images, String checkpoints, Optional<ModelCalibration> calibration) {
        this.images = images;
        this.exams = Screening.exams(images, PredictionTables::attributes);
        this.checkpoints = checkpoints;
        this.calibration = calibration;
        this.views = calibration.map(ModelCalibration::views).orElse(ViewCombination.MAX);
    }

    void write(SparkSession spark, Path output) throws IOException {
        List<List<Object>> breasts = breasts();
        List<List<Object>> exams = exams();
        List<List<Object>> imageRows = images.stream().map(this::imageRow).toList();
        AtomicFiles.createFolder(output, folder -> {
            write(spark, folder, "images", IMAGES, imageRows);
            write(spark, folder, "breasts", BREASTS, breasts);
            write(spark, folder, "exams", examHeader(), exams);
        });
    }

    private List<Object> imageRow(ImageRow row) {
        ImageTask i = row.image();
        return List.of(i.file(), i.patient(), i.exam(), i.laterality(), i.view(), row.malignant(),
                calibrated(row), row.error(), i.studyUid(), i.seriesUid(), i.instanceUid(), checkpoints);
    }

    /** Per patient, exam and breast where the image says which: the largest probability over its views. */
    private List<List<Object>> breasts() {
        List<List<Object>> rows = new ArrayList<>();
        for (Screening.Exam<ImageRow> exam : exams) {
            for (Screening.Breast<ImageRow> breast : exam.breasts()) {
                rows.add(List.of(exam.patientId(), exam.exam(), breast.laterality(),
                        String.join("+", breast.views().stream().map(v -> v.image().view()).toList()),
                        breast.score(ImageRow::malignant, views), breast.score(this::calibrated, views), checkpoints));
            }
        }
        return rows;
    }

    /** Per patient and exam: its breasts, its images, its higher breast's probability. */
    private List<List<Object>> exams() {
        List<List<Object>> rows = new ArrayList<>();
        for (Screening.Exam<ImageRow> exam : exams) {
            double score = exam.score(ImageRow::malignant, views);
            List<Object> row = new ArrayList<>(List.of(exam.patientId(), exam.exam(),
                    String.join("+", exam.breasts().stream().map(Screening.Breast::laterality).toList()),
                    String.valueOf(exam.images().size()), score, exam.score(this::calibrated, views), checkpoints));
            for (OperatingPoint point : points()) {
                row.add(point.recalls(score) ? "1" : "0");
            }
            rows.add(row);
        }
        return rows;
    }

    private List<String> examHeader() {
        List<String> header = new ArrayList<>(EXAMS);
        points().forEach(point -> header.add("recall_" + point.name()));
        return header;
    }

    private List<OperatingPoint> points() {
        return calibration.map(ModelCalibration::operatingPoints).orElse(List.of());
    }

    /** An image's calibrated probability; NaN without a calibration or a score. */
    private double calibrated(ImageRow row) {
        return calibration.isPresent() && row.ok() ? calibration.get().calibration().apply(row.malignant()) : Double.NaN;
    }

    /** What the screening grouping needs of a scored image; an image without a score is in no exam. */
    private static ImageAttributes attributes(ImageRow row) {
        ImageTask i = row.image();
        return row.ok() ? new ImageAttributes(i.patient(), i.exam(), i.laterality(), i.view()) : ImageAttributes.NONE;
    }

    private static void write(SparkSession spark, Path folder, String name, List<String> header,
            List<List<Object>> rows) throws IOException {
        CsvTable.write(folder.resolve(name + ".csv"), header, rows.stream().map(PredictionTables::csv).toList());
        List<StructField> fields = new ArrayList<>();
        for (String column : header) {
            fields.add(DataTypes.createStructField(column,
                    NUMBERS.contains(column) ? DataTypes.DoubleType : DataTypes.StringType, false));
        }
        List<Row> data = rows.stream().map(r -> RowFactory.create(r.toArray())).toList();
        spark.createDataFrame(data, new StructType(fields.toArray(StructField[]::new))).coalesce(1).write()
                .parquet(folder.resolve(name + ".parquet").toUri().toString());
    }

    /** A row as text: probabilities with 6 decimals as {@code mammo:predict -o} writes them, none when NaN. */
    private static List<String> csv(List<Object> row) {
        return row.stream().map(v -> v instanceof Double d ? CsvTable.probability(d) : (String) v).toList();
    }
}
