package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.files.CsvTable;
import org.osgi.service.component.annotations.Component;

/**
 * Mammoflow's plain dataset form: PNG files below a folder and a {@code dataset.csv} with the
 * columns {@code image, mask, lesion_type, pathology, patient} (one row per abnormality; an image
 * without abnormality has empty mask, lesion_type and pathology; a row with a pathology and no mask
 * labels the image as a whole, as exam lists with breast-level labels do) and optionally {@code image_id},
 * {@code split}, {@code exam} (or {@code study}), {@code laterality} ({@code L}/{@code R}) and
 * {@code view} ({@code CC}/{@code MLO}), which predictions combine per breast and per exam. Without a split column, or where it is empty, CBIS-DDSM's rule applies: the
 * image is training data and a share of the training patients goes to validation.
 */
@Component(property = DatasetImporter.FORMAT + "=folder")
public class FolderDataset implements DatasetImporter, DatasetWriter {

    static final List<String> HEADER = List.of("image_id", "image", "mask", "lesion_type", "pathology", "patient",
            "split", "exam", "laterality", "view");
    static final List<List<String>> REQUIRED = List.of(List.of("image"), List.of("mask"), List.of("lesion_type"),
            List.of("pathology"), List.of("patient"));

    @Override
    public ImportReport importFrom(Path folder, ImportOptions options) throws IOException {
        DatasetRoot root = DatasetRoot.of(folder);
        Path manifest = root.path().resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(manifest + ": dataset manifest not found");
        }
        CsvTable table = CsvTable.read(manifest);
        table.require(REQUIRED);
        Map<String, ImageRecord> images = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        boolean assignValidation = false;
        for (CsvTable.Row row : table.rows()) {
            try {
                assignValidation |= row.get("split").isEmpty();
                addRow(root, row, images);
            } catch (IOException | IllegalArgumentException e) {
                skipped.add(new Skipped(MANIFEST + ":" + row.line(), e.getMessage()));
            }
        }
        List<ImageRecord> records = List.copyOf(images.values());
        if (assignValidation) {
            records = PatientSplit.withValidation(records, options);
        }
        return new ImportReport(new Dataset(root.path().getFileName().toString(), root.path(), records), skipped);
    }

    private static void addRow(DatasetRoot root, CsvTable.Row row, Map<String, ImageRecord> images)
            throws IOException {
        Path image = existing(root, row.get("image"));
        String id = row.get("image_id").isEmpty() ? root.relativize(image) : row.get("image_id");
        String patient = row.get("patient");
        if (patient.isEmpty()) {
            throw new IllegalArgumentException("empty patient");
        }
        ImageAttributes attributes = new ImageAttributes(patient,
                row.get("exam").isEmpty() ? row.get("study") : row.get("exam"), row.get("laterality"), row.get("view"));
        Split split = row.get("split").isEmpty() ? Split.TRAIN : Split.valueOf(row.get("split").toUpperCase(Locale.ROOT));
        List<Abnormality> abnormalities = new ArrayList<>();
        Optional<Pathology> imagePathology = Optional.empty();
        ImageRecord known = images.get(id);
        if (known != null) {
            if (!known.patientId().equals(patient) || !known.image().equals(image)
                    || !known.attributes().equals(attributes)) {
                throw new IllegalArgumentException("image_id " + id + " is listed with another file, patient, exam, laterality or view");
            }
            abnormalities.addAll(known.abnormalities());
            imagePathology = known.imagePathology();
        }
        if (!row.get("mask").isEmpty()) {
            abnormalities.add(new Abnormality(lesionType(row.get("lesion_type")), Pathology.parse(row.get("pathology")),
                    existing(root, row.get("mask"))));
        } else if (!row.get("pathology").isEmpty()) {
            imagePathology = Optional.of(Pathology.parse(row.get("pathology"))); // a label without a ROI mask
        }
        images.put(id, new ImageRecord(id, patient, split, image, abnormalities, attributes, imagePathology));
    }

    private static Path existing(DatasetRoot root, String relative) throws IOException {
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        return file;
    }

    private static LesionType lesionType(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "mass" -> LesionType.MASS;
            case "calcification", "calc" -> LesionType.CALCIFICATION;
            default -> throw new IllegalArgumentException("unknown lesion_type '" + value
                    + "' (expected mass or calcification)");
        };
    }

    @Override
    public Path write(Dataset dataset) throws IOException {
        DatasetRoot root = new DatasetRoot(dataset.root());
        List<List<String>> rows = new ArrayList<>();
        for (ImageRecord image : dataset.images()) {
            String file = root.relativize(image.image());
            String split = image.split().name().toLowerCase(Locale.ROOT);
            ImageAttributes a = image.attributes();
            if (image.abnormalities().isEmpty() || image.imagePathology().isPresent()) {
                rows.add(List.of(image.imageId(), file, "", "", image.imagePathology().map(Pathology::name).orElse(""),
                        image.patientId(), split, a.exam(), a.laterality(), a.view()));
            }
            for (Abnormality abnormality : image.abnormalities()) {
                rows.add(List.of(image.imageId(), file, root.relativize(abnormality.mask()),
                        abnormality.type().name().toLowerCase(Locale.ROOT), abnormality.pathology().name(),
                        image.patientId(), split, a.exam(), a.laterality(), a.view()));
            }
        }
        Path manifest = root.path().resolve(MANIFEST);
        CsvTable.write(manifest, HEADER, rows);
        return manifest;
    }
}
