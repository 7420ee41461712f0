package org.mammoflow.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.CsvTable;

/**
 * The job's results as three tables, each as CSV and as Parquet: images (one row each, with its error
 * where it has no probability), breasts (the largest probability over a breast's views, the paper's
 * rule, as {@code mammo:predict} takes it by default) and exams (the largest over the exam's breasts), grouped
 * by the API's one rule ({@link Screening}). Columns as
 * {@code mammo:predict -o}, plus the exam, the error, the DICOM UIDs and the checkpoints' SHA-256 ('+'
 * between an ensemble's members). The output folder appears whole or not at all.
 */
final class PredictionTables {

    static final List<String> IMAGES = List.of("file", "patient", "exam", "laterality", "view", "malignant", "error",
            "study_uid", "series_uid", "sop_instance_uid", "checkpoint_sha256");
    static final List<String> BREASTS = List.of("patient", "exam", "laterality", "view", "malignant",
            "checkpoint_sha256");
    static final List<String> EXAMS = List.of("patient", "exam", "laterality", "images", "malignant",
            "checkpoint_sha256");

    private final List<ImageRow> images;
    private final List<Screening.Exam<ImageRow>> exams;
    private final String checkpoints;

    PredictionTables(List<ImageRow> images, String checkpoints) {
        this.images = images;
        this.exams = Screening.exams(images, PredictionTables::attributes);
        this.checkpoints = checkpoints;
    }

    void write(SparkSession spark, Path output) throws IOException {
        List<List<Object>> breasts = breasts();
        List<List<Object>> exams = exams();
        List<List<Object>> imageRows = images.stream().map(this::imageRow).toList();
        AtomicFiles.createFolder(output, folder -> {
            write(spark, folder, "images", IMAGES, imageRows);
            write(spark, folder, "breasts", BREASTS, breasts);
            write(spark, folder, "exams", EXAMS, exams);
        });
    }

    private List<Object> imageRow(ImageRow row) {
        ImageTask i = row.image();
        return List.of(i.file(), i.patient(), i.exam(), i.laterality(), i.view(), row.malignant(), row.error(),
                i.studyUid(), i.seriesUid(), i.instanceUid(), checkpoints);
    }

    /** Per patient, exam and breast where the image says which: the largest probability over its views. */
    private List<List<Object>> breasts() {
        List<List<Object>> rows = new ArrayList<>();
        for (Screening.Exam<ImageRow> exam : exams) {
            for (Screening.Breast<ImageRow> breast : exam.breasts()) {
                rows.add(List.of(exam.patientId(), exam.exam(), breast.laterality(),
                        String.join("+", breast.views().stream().map(v -> v.image().view()).toList()),
                        breast.score(ImageRow::malignant, ViewCombination.MAX), checkpoints));
            }
        }
        return rows;
    }

    /** Per patient and exam: its breasts, its images, its higher breast's probability. */
    private List<List<Object>> exams() {
        List<List<Object>> rows = new ArrayList<>();
        for (Screening.Exam<ImageRow> exam : exams) {
            rows.add(List.of(exam.patientId(), exam.exam(),
                    String.join("+", exam.breasts().stream().map(Screening.Breast::laterality).toList()),
                    String.valueOf(exam.images().size()), exam.score(ImageRow::malignant, ViewCombination.MAX),
                    checkpoints));
        }
        return rows;
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
                    column.equals("malignant") ? DataTypes.DoubleType : DataTypes.StringType, false));
        }
        List<Row> data = rows.stream().map(r -> RowFactory.create(r.toArray())).toList();
        spark.createDataFrame(data, new StructType(fields.toArray(StructField[]::new))).coalesce(1).write()
                .parquet(folder.resolve(name + ".parquet").toUri().toString());
    }

    /** A row as text: probabilities with 6 decimals as {@code mammo:predict -o} writes them, none when NaN. */
    private static List<String> csv(List<Object> row) {
        return row.stream().map(v -> v instanceof Double d
                ? (d.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", d)) : (String) v).toList();
    }
}
