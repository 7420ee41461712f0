package org.mammoflow.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;

/**
 * The mammograms that files and folders given to predict stand for. A folder laid out as CBIS-DDSM
 * (one of its case-description CSVs) or holding a dataset.csv is a dataset: its full mammograms, with
 * the patient, breast and view its importer reads (never its ROI masks and crops); any other folder is
 * walked for image files, which say what they know of themselves when read.
 */
final class MammogramInputs {

    /** One mammogram to score, with what its dataset says of it (empty: ask the file). */
    record Input(Path file, Optional<ImageAttributes> listed) {
    }

    private static final Pattern CBIS_DDSM_CSV = Pattern.compile("(mass|calc)_case_description_(train|test)_set\\.csv");

    private MammogramInputs() {
    }

    static List<Input> resolve(List<Path> inputs, ImageFiles files, Optional<DatasetImporter> folder,
            Optional<DatasetImporter> cbisDdsm) throws IOException {
        List<Input> found = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                Optional<DatasetImporter> importer = isCbisDdsm(input) ? Optional.of(require(cbisDdsm, "cbis-ddsm", input))
                        : Files.isRegularFile(input.resolve(DatasetWriter.MANIFEST))
                                ? Optional.of(require(folder, "folder", input)) : Optional.empty();
                if (importer.isPresent()) {
                    for (ImageRecord record : importer.get().importFrom(input, ImportOptions.defaults()).dataset().images()) {
                        found.add(new Input(record.image(), Optional.of(record.attributes())));
                    }
                } else {
                    files.imagesIn(input).forEach(file -> found.add(new Input(file, Optional.empty())));
                }
            } else if (Files.isRegularFile(input)) {
                found.add(new Input(input, Optional.empty()));
            } else {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        if (found.isEmpty()) {
            throw new IOException("no image (PNG or DICOM) in " + inputs);
        }
        return found;
    }

    private static boolean isCbisDdsm(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.anyMatch(f -> CBIS_DDSM_CSV.matcher(f.getFileName().toString()).matches());
        }
    }

    private static DatasetImporter require(Optional<DatasetImporter> importer, String format, Path folder) {
        return importer.orElseThrow(() -> new IllegalStateException(folder + " is a " + format
                + " dataset and no importer of that format is running (bundle org.mammoflow.dataset)"));
    }
}
