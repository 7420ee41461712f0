package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.Pathology;
import org.osgi.service.component.annotations.Component;

import net.razorvine.pickle.Unpickler;

/**
 * The NYU mammography meta-repository's data list: a pickled list of exams (the folder's one
 * {@code .pkl} file), each a dict whose {@code L-CC}, {@code R-CC}, {@code L-MLO}, {@code R-MLO} name the
 * images of each view ({@code NAME} stands for {@code NAME.png} beside the list or in {@code images/})
 * and whose {@code cancer_label} gives {@code left_malignant} and {@code right_malignant} (0 or 1). Each
 * exam becomes a patient of its own ({@code exam-N}, N its index in the list, as the meta-repository's
 * breast-level output indexes it); each image is labelled as a whole by its breast; all images are
 * test data (the list is for evaluation). The pickle is read by a reader that builds only lists, dicts,
 * strings and numbers: no code in it runs.
 */
@Component(property = DatasetImporter.FORMAT + "=" + ExamListImporter.FORMAT)
public class ExamListImporter implements DatasetImporter {

    static final String FORMAT = "nyu-metarepository";
    /** The largest exam list read: a list of a million exams is some 100 MB; this one is checked before reading. */
    static final long MAX_BYTES = 256L << 20;
    private static final List<String> VIEWS = List.of("L-CC", "R-CC", "L-MLO", "R-MLO");

    @Override
    public ImportReport importFrom(Path folder, ImportOptions options) throws IOException {
        DatasetRoot root = DatasetRoot.of(folder);
        Path list = examList(root.path());
        List<?> exams = read(list);
        List<ImageRecord> images = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int index = 0; index < exams.size(); index++) {
            String where = list.getFileName() + ": exam " + index;
            try {
                images.addAll(exam(root, index, exams.get(index)));
            } catch (IllegalArgumentException | IOException e) {
                skipped.add(new Skipped(where, e.getMessage()));
            }
        }
        return new ImportReport(new Dataset(root.path().getFileName().toString(), root.path(), images), skipped);
    }

    private static Path examList(Path folder) throws IOException {
        List<Path> pickles;
        try (Stream<Path> files = Files.list(folder)) {
            pickles = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pkl")).sorted()
                    .toList();
        }
        if (pickles.size() != 1) {
            throw new IOException(folder + ": " + pickles.size() + " .pkl files, expected the one exam list"
                    + (pickles.isEmpty() ? "" : " (" + pickles.stream().map(p -> p.getFileName().toString()).toList() + ")"));
        }
        return pickles.get(0);
    }

    private static List<?> read(Path list) throws IOException {
        long bytes = Files.size(list);
        if (bytes > MAX_BYTES) {
            throw new IOException(list + ": " + bytes + " bytes, more than the " + MAX_BYTES + " an exam list may have");
        }
        Object value;
        Unpickler unpickler = new Unpickler();
        try {
            value = unpickler.loads(Files.readAllBytes(list));
        } catch (IOException | RuntimeException e) { // PickleException is a RuntimeException
            throw new IOException(list + ": not a readable Python pickle (" + e.getMessage() + ")", e);
        } finally {
            unpickler.close();
        }
        if (!(value instanceof List<?> exams)) {
            throw new IOException(list + ": a pickled " + typeName(value) + ", expected a list of exams (dicts)");
        }
        return exams;
    }

    private static List<ImageRecord> exam(DatasetRoot root, int index, Object value) throws IOException {
        if (!(value instanceof Map<?, ?> exam)) {
            throw new IllegalArgumentException("a " + typeName(value) + ", expected a dict");
        }
        if (!(exam.get("cancer_label") instanceof Map<?, ?> labels)) {
            throw new IllegalArgumentException("no cancer_label dict");
        }
        String patient = "exam-" + index;
        List<ImageRecord> images = new ArrayList<>();
        for (String view : VIEWS) {
            Object names = exam.get(view);
            if (names == null) {
                continue;
            }
            if (!(names instanceof List<?> files)) {
                throw new IllegalArgumentException(view + " is a " + typeName(names) + ", expected a list of image names");
            }
            String side = view.startsWith("L") ? "left" : "right";
            Pathology pathology = label(labels.get(side + "_malignant"), side + "_malignant");
            for (Object name : files) {
                if (!(name instanceof String file) || file.isBlank()) {
                    throw new IllegalArgumentException(view + " names a " + typeName(name) + ", expected a file name");
                }
                images.add(new ImageRecord(file, patient, Split.TEST, image(root, file), List.of(),
                        new ImageAttributes(patient, Integer.toString(index), view.substring(0, 1), view.substring(2)),
                        Optional.of(pathology)));
            }
        }
        return images;
    }

    private static Pathology label(Object value, String key) {
        if (value instanceof Boolean b) {
            return b ? Pathology.MALIGNANT : Pathology.BENIGN;
        }
        if (value instanceof Number n && (n.intValue() == 0 || n.intValue() == 1) && n.doubleValue() == n.intValue()) {
            return n.intValue() == 1 ? Pathology.MALIGNANT : Pathology.BENIGN;
        }
        throw new IllegalArgumentException("cancer_label " + key + " is " + (value == null ? "missing" : "'" + value + "'")
                + ", expected 0 or 1");
    }

    /** {@code NAME.png} beside the list or in {@code images/}, inside the dataset. */
    private static Path image(DatasetRoot root, String name) throws IOException {
        for (String candidate : List.of(name + ".png", "images/" + name + ".png")) {
            Path file = root.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IOException("image " + name + ": neither " + name + ".png nor images/" + name + ".png in " + root.path());
    }

    private static String typeName(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }
}
