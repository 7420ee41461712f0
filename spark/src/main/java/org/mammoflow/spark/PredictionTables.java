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
        byBreast().forEach((key, views) -> rows.add(List.of(key.get(0), key.get(1), key.get(2),
                String.join("+", views.stream().map(v -> v.image().view()).toList()), largest(views), checkpoints)));
        return rows;
    }

    /** Per patient and exam: its breasts, its images, the largest probability over them (its breasts'). */
    private List<List<Object>> exams() {
        Map<List<String>, List<List<ImageRow>>> byExam = new LinkedHashMap<>();
        byBreast().forEach((key, views) -> byExam.computeIfAbsent(key.subList(0, 2), k -> new ArrayList<>()).add(views));
        List<List<Object>> rows = new ArrayList<>();
        byExam.forEach((key, breasts) -> {
            List<ImageRow> images = breasts.stream().flatMap(List::stream).toList();
            rows.add(List.of(key.get(0), key.get(1),
                    String.join("+", breasts.stream().map(views -> views.get(0).image().laterality()).toList()),
                    String.valueOf(images.size()), largest(images), checkpoints));
        });
        return rows;
    }

    /** The scored images that name patient and breast, by patient, exam and breast, in the order met. */
    private Map<List<String>, List<ImageRow>> byBreast() {
        Map<List<String>, List<ImageRow>> byBreast = new LinkedHashMap<>();
        for (ImageRow row : images) {
            ImageTask i = row.image();
            if (row.ok() && !i.patient().isEmpty() && !i.laterality().isEmpty()) {
                byBreast.computeIfAbsent(List.of(i.patient(), i.exam(), i.laterality()), k -> new ArrayList<>()).add(row);
            }
        }
        return byBreast;
    }

    private static double largest(List<ImageRow> rows) {
        return rows.stream().mapToDouble(ImageRow::malignant).max().orElseThrow();
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
