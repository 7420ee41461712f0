package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.ImageHeader;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.files.CsvTable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Imports CBIS-DDSM as downloaded: its four official CSVs and the DICOM tree, or 16-bit PNGs made
 * from the DICOMs and kept beside them (a folder with PNGs uses them). On disk the series folders do
 * not match the CSV paths, so files are found by the first folder of each CSV path (e.g.
 * {@code Mass-Training_P_00001_LEFT_CC}, unique per image and per ROI); in an ROI folder the mask is
 * the binary image of the full image's size, the other is the cropped lesion.
 */
@Component(property = DatasetImporter.FORMAT + "=cbis-ddsm")
public class CbisDdsmImporter implements DatasetImporter {

    /** The official CSVs and the split each one holds. */
    static final Map<String, Split> CSV_FILES = Map.of(
            "mass_case_description_train_set.csv", Split.TRAIN,
            "mass_case_description_test_set.csv", Split.TEST,
            "calc_case_description_train_set.csv", Split.TRAIN,
            "calc_case_description_test_set.csv", Split.TEST);

    static final List<List<String>> REQUIRED_COLUMNS = List.of(
            List.of("patient_id"), List.of("breast_density", "breast density"), List.of("left or right breast"),
            List.of("image view"), List.of("abnormality id"), List.of("abnormality type"), List.of("pathology"),
            List.of("image file path"), List.of("ROI mask file path"));

    private final ImageFiles files;

    @Activate
    public CbisDdsmImporter(@Reference ImageFiles files) {
        this.files = files;
    }

    @Override
    public ImportReport importFrom(Path folder, ImportOptions options) throws IOException {
        DatasetRoot root = DatasetRoot.of(folder);
        Map<String, Path> seriesFolders = seriesFolders(root);
        Map<String, ImageBuilder> images = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String name : CSV_FILES.keySet().stream().sorted().toList()) {
            Path csv = root.path().resolve(name);
            if (Files.isRegularFile(csv)) {
                found.add(name);
                readCsv(CsvTable.read(csv), CSV_FILES.get(name), root, seriesFolders, images, skipped);
            }
        }
        if (found.isEmpty()) {
            throw new IOException(root.path() + ": no CBIS-DDSM CSV found (expected "
                    + String.join(", ", CSV_FILES.keySet().stream().sorted().toList()) + ")");
        }
        List<ImageRecord> records = images.values().stream().map(ImageBuilder::build).toList();
        if (records.isEmpty()) {
            throw new IOException(root.path() + ": no usable image: " + inventory(root) + "; "
                    + skipped.size() + " rows skipped" + (skipped.isEmpty() ? "" : ", the first: "
                    + skipped.get(0).where() + ": " + skipped.get(0).problem()));
        }
        Dataset dataset = new Dataset("cbis-ddsm", root.path(), PatientSplit.withValidation(records, options));
        return new ImportReport(dataset, skipped);
    }

    private void readCsv(CsvTable table, Split split, DatasetRoot root, Map<String, Path> seriesFolders,
            Map<String, ImageBuilder> images, List<Skipped> skipped) throws IOException {
        table.require(REQUIRED_COLUMNS);
        for (CsvTable.Row row : table.rows()) {
            try {
                addRow(row, split, root, seriesFolders, images);
            } catch (IOException | IllegalArgumentException e) {
                skipped.add(new Skipped(table.file().getFileName() + ":" + row.line(), e.getMessage()));
            }
        }
    }

    private void addRow(CsvTable.Row row, Split split, DatasetRoot root, Map<String, Path> seriesFolders,
            Map<String, ImageBuilder> images) throws IOException {
        String patient = row.get("patient_id");
        if (patient.isEmpty()) {
            throw new IllegalArgumentException("empty patient_id");
        }
        Pathology pathology = Pathology.parse(row.get("pathology"));
        LesionType type = lesionType(row.get("abnormality type"));
        String imageId = seriesName(root, row.get("image file path"));
        String roiFolder = seriesName(root, row.get("ROI mask file path"));

        ImageBuilder image = images.get(imageId);
        if (image == null) {
            Path file = onlyImage(imageId, seriesFolders);
            image = new ImageBuilder(imageId, new ImageAttributes(patient, row.get("left or right breast"),
                    row.get("image view")), split, file, files.header(file));
        } else if (!image.attributes.patientId().equals(patient)) {
            throw new IllegalArgumentException("image " + imageId + " is listed for patients "
                    + image.attributes.patientId() + " and " + patient);
        }
        Path mask = roiMask(roiFolder, seriesFolders, image.header);
        images.putIfAbsent(imageId, image);
        image.abnormalities.add(new Abnormality(type, pathology, mask));
    }

    /** The first folder of a CSV path: the image's (or ROI's) series name, checked to stay inside the root. */
    private static String seriesName(DatasetRoot root, String csvPath) throws IOException {
        Path inside = root.resolve(csvPath);
        return root.path().relativize(inside).getName(0).toString();
    }

    private static LesionType lesionType(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "mass" -> LesionType.MASS;
            case "calcification" -> LesionType.CALCIFICATION;
            default -> throw new IllegalArgumentException("unknown abnormality type '" + value + "'");
        };
    }

    private Path onlyImage(String series, Map<String, Path> seriesFolders) throws IOException {
        List<Path> images = images(series, seriesFolders);
        if (images.size() != 1) {
            throw new IOException("image folder " + series + " holds " + images.size()
                    + " images (PNG, or DICOM where there is no PNG), expected 1");
        }
        return images.get(0);
    }

    /** The binary image of the full image's size in an ROI folder (the other file there is the crop). */
    private Path roiMask(String series, Map<String, Path> seriesFolders, ImageHeader image) throws IOException {
        List<Path> sameSize = new ArrayList<>();
        for (Path png : images(series, seriesFolders)) {
            ImageHeader header = files.header(png);
            if (header.width() == image.width() && header.height() == image.height()) {
                sameSize.add(png);
            }
        }
        List<Path> binary = new ArrayList<>();
        for (Path candidate : sameSize) {
            if (sameSize.size() == 1 || isBinary(candidate)) {
                binary.add(candidate);
            }
        }
        if (binary.size() != 1) {
            throw new IOException("ROI folder " + series + ": found " + binary.size() + " binary masks of the image's size "
                    + image.width() + " x " + image.height() + ", expected 1");
        }
        return binary.get(0);
    }

    private boolean isBinary(Path png) throws IOException {
        short[] samples = files.read(png).samples();
        int on = -1;
        for (short sample : samples) {
            if (sample != 0) {
                if (on == -1) {
                    on = sample;
                } else if (sample != on) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A series folder's PNG files; where it has none, its other image files (DICOM). */
    private List<Path> images(String series, Map<String, Path> seriesFolders) throws IOException {
        Path folder = seriesFolders.get(series);
        if (folder == null) {
            throw new IOException("folder " + series + " not found in the dataset");
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder, 4)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> pngs = all.stream().filter(p -> extension(p).equals("png")).toList();
        if (!pngs.isEmpty()) {
            return pngs;
        }
        List<Path> others = new ArrayList<>();
        for (Path file : all) {
            if (files.readable(file)) {
                others.add(file);
            }
        }
        return others;
    }

    /** What the tree holds, for an import that found nothing: "52 .dcm files (0 of them readable DICOM), 0 PNG, 0 other files". */
    private String inventory(DatasetRoot root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root.path(), 8)) {
            all = walk.filter(Files::isRegularFile).filter(p -> !extension(p).equals("csv")).toList();
        }
        long pngs = all.stream().filter(p -> extension(p).equals("png")).count();
        long dcms = all.stream().filter(p -> extension(p).equals("dcm")).count();
        long dicoms = 0;
        for (Path file : all) {
            if (extension(file).equals("dcm") && readsAsImage(file)) {
                dicoms++;
            }
        }
        return dcms + " .dcm files (" + dicoms + " of them readable DICOM), " + pngs + " PNG, "
                + (all.size() - pngs - dcms) + " other files";
    }

    /** Whether a file's header parses as an image (PNG or a registered format). */
    private boolean readsAsImage(Path file) {
        try {
            files.header(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Series folders by name, at the root or one level down (e.g. below a CBIS-DDSM/ folder). */
    private static Map<String, Path> seriesFolders(DatasetRoot root) throws IOException {
        Map<String, Path> folders = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root.path(), 2)) {
            walk.filter(Files::isDirectory).filter(p -> !p.equals(root.path()))
                    .forEach(p -> folders.putIfAbsent(p.getFileName().toString(), p));
        }
        return folders;
    }

    private static final class ImageBuilder {
        final String id;
        final ImageAttributes attributes;
        final Split split;
        final Path file;
        final ImageHeader header;
        final List<Abnormality> abnormalities = new ArrayList<>();

        ImageBuilder(String id, ImageAttributes attributes, Split split, Path file, ImageHeader header) {
            this.id = id;
            this.attributes = attributes;
            this.split = split;
            this.file = file;
            this.header = header;
        }

        ImageRecord build() {
            return new ImageRecord(id, attributes.patientId(), split, file, abnormalities, attributes);
        }
    }
}
