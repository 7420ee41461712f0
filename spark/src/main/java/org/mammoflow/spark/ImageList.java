package org.mammoflow.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mammoflow.files.CsvTable;

/**
 * The images a job is given: files named, every file below folders named (the executors pass over those
 * that are no images), and the rows of manifests (CSV or Parquet: path, and where known patient,
 * exam or study, laterality, view; a relative path is taken from the manifest's folder).
 */
final class ImageList {

    static final String[] PATH = {"path", "file", "image"};
    static final String[] PATIENT = {"patient", "patient_id"};
    static final String[] EXAM = {"exam", "study", "exam_id", "study_id"};
    static final String[] LATERALITY = {"laterality", "left or right breast", "breast"};
    static final String[] VIEW = {"view", "image view"};

    private ImageList() {
    }

    static boolean isManifest(Path input) {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".parquet");
    }

    static List<ImageTask> of(List<Path> inputs, SparkSession spark) throws IOException {
        List<ImageTask> images = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input) && !input.toString().endsWith(".parquet")) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).sorted()
                            .forEach(file -> images.add(ImageTask.named(file.toString(), false)));
                }
            } else if (isManifest(input)) {
                images.addAll(input.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(input)
                        : parquet(input, spark));
            } else {
                images.add(ImageTask.named(input.toString(), true));
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no file in " + inputs);
        }
        return images;
    }

    private static List<ImageTask> csv(Path manifest) throws IOException {
        CsvTable table = CsvTable.read(manifest);
        table.require(List.of(List.of(PATH)));
        List<ImageTask> images = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            images.add(task(manifest, value(table, row, PATH), value(table, row, PATIENT), value(table, row, EXAM),
                    value(table, row, LATERALITY), value(table, row, VIEW)));
        }
        return images;
    }

    private static String value(CsvTable table, CsvTable.Row row, String[] spellings) {
        String column = table.column(spellings);
        return column == null ? "" : row.get(column);
    }

    private static List<ImageTask> parquet(Path manifest, SparkSession spark) throws IOException {
        var frame = spark.read().parquet(manifest.toUri().toString());
        List<String> columns = List.of(frame.columns());
        String path = first(columns, PATH);
        if (path == null) {
            throw new IOException(manifest + ": missing column 'path' (columns: " + String.join(", ", columns) + ")");
        }
        List<ImageTask> images = new ArrayList<>();
        for (Row row : frame.collectAsList()) {
            images.add(task(manifest, text(row, path), text(row, first(columns, PATIENT)),
                    text(row, first(columns, EXAM)), text(row, first(columns, LATERALITY)), text(row, first(columns, VIEW))));
        }
        return images;
    }

    private static String first(List<String> columns, String[] spellings) {
        for (String spelling : spellings) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(spelling)) {
                    return column;
                }
            }
        }
        return null;
    }

    private static String text(Row row, String column) {
        if (column == null) {
            return "";
        }
        Object value = row.getAs(column);
        return value == null ? "" : value.toString().strip();
    }

    private static ImageTask task(Path manifest, String path, String patient, String exam, String laterality,
            String view) {
        Path file = manifest.toAbsolutePath().getParent().resolve(path).normalize();
        return ImageTask.listed(file.toString(), patient, exam, laterality.toUpperCase(Locale.ROOT), view);
    }
}
