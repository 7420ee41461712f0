package org.mammoflow.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.CsvTable;

/**
 * The job's results as three tables, each as CSV and as Parquet: images (one row each, with its error
 * where it has no probability), breasts (the largest probability over a breast's views, the paper's
 * rule, as {@code mammo:predict} takes it) and exams (the largest over the exam's breasts). Columns as
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
    private final String checkpoints;

    PredictionTables(List<ImageRow> images, String checkpoints) {
        this.images = images;
        this.checkpoints = checkpoints;
    }

    void write(SparkSession spark, Path output) throws IOException {
        List<List<Object>> breasts = breasts();
        List<List<Object>> exams = exams(breasts);
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
        Map<List<String>, List<ImageRow>> byBreast = new LinkedHashMap<>();
        for (ImageRow row : images) {
            ImageTask i = row.image();
            if (row.ok() && !i.patient().isEmpty() && !i.laterality().isEmpty()) {
                byBreast.computeIfAbsent(List.of(i.patient(), i.exam(), i.laterality()), k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byBreast.forEach((key, views) -> rows.add(List.of(key.get(0), key.get(1), key.get(2),
                String.join("+", views.stream().map(v -> v.image().view()).toList()), largest(views), checkpoints)));
        return rows;
    }

    private static double largest(List<ImageRow> rows) {
        return rows.stream().mapToDouble(ImageRow::malignant).max().orElseThrow();
    }

    /** Per patient and exam: the largest probability over its breasts. */
    private List<List<Object>> exams(List<List<Object>> breasts) {
        Map<List<Object>, List<List<Object>>> byExam = new LinkedHashMap<>();
        breasts.forEach(b -> byExam.computeIfAbsent(List.of(b.get(0), b.get(1)), k -> new ArrayList<>()).add(b));
        List<List<Object>> rows = new ArrayList<>();
        byExam.forEach((key, of) -> rows.add(List.of(key.get(0), key.get(1),
                String.join("+", of.stream().map(b -> (String) b.get(2)).toList()),
                String.valueOf(of.stream().mapToInt(b -> ((String) b.get(3)).split("\\+").length).sum()),
                of.stream().mapToDouble(b -> (Double) b.get(4)).max().orElseThrow(), checkpoints)));
        return rows;
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
