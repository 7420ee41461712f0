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
import org.mammoflow.api.image.PreprocessingSettings;

/**
 * The mammograms that files and folders given to predict stand for. A folder laid out as CBIS-DDSM
 * (one of its case-description CSVs) or holding a dataset.csv is a dataset: its full mammograms, with
 * the patient, breast and view its importer reads (never its ROI masks and crops); any other folder is
 * walked for image files, which say what they know of themselves when read. A CBIS-DDSM tree holds
 * raw mammograms; a dataset.csv folder holds preprocessed ones when it has a preprocessing.properties
 * (mammo:preprocess), raw ones otherwise; of a loose file only its size tells.
 */
final class MammogramInputs {

    /** Whether an input is known to be raw, known to be preprocessed, or only its size can tell. */
    enum Stage {
        RAW, PREPROCESSED, BY_SIZE
    }

    /** One mammogram to score, with what its dataset says of it (empty: ask the file) and its stage. */
    record Input(Path file, Optional<ImageAttributes> listed, Stage stage) {
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
                    Stage stage = Files.isRegularFile(input.resolve(PreprocessingSettings.FILE)) ? Stage.PREPROCESSED
                            : Stage.RAW;
                    for (ImageRecord record : importer.get().importFrom(input, ImportOptions.defaults()).dataset().images()) {
                        found.add(new Input(record.image(), Optional.of(record.attributes()), stage));
                    }
                } else {
                    files.imagesIn(input).forEach(file -> found.add(new Input(file, Optional.empty(), Stage.BY_SIZE)));
                }
            } else if (Files.isRegularFile(input)) {
                found.add(new Input(input, Optional.empty(), Stage.BY_SIZE));
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
