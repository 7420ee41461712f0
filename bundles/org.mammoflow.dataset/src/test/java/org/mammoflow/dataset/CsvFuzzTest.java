package org.mammoflow.dataset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.SynthesisSpec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes in a CBIS-DDSM case description or in a folder dataset's manifest end in an import (rows
 * that cannot be used skipped, each with its reason) or in an error that names the CSV file: no other
 * exception, no OutOfMemoryError, no hang. The images the rows name are real (a small synthetic
 * dataset). Replayed on the committed inputs (CsvFuzzTestInputs) by every test run; fuzzed with
 * {@code JAZZER_FUZZ=1} (docs/benchmarks.md, "Fuzzing").
 */
class CsvFuzzTest {

    static final String CASES = "mass_case_description_train_set.csv";

    @TempDir
    static Path shared;
    static Path cbis;
    static Path folder;

    @BeforeAll
    static void datasets() throws IOException {
        cbis = shared.resolve("cbis");
        new SyntheticMammograms(CbisDdsmImportTest.PNG).write(cbis, new SynthesisSpec(4, 256, 320, 3));
        // the folder form's manifest, beside the same images
        folder = new FolderDataset().write(new CbisDdsmImporter(CbisDdsmImportTest.PNG)
                .importFrom(cbis, ImportOptions.defaults()).dataset()).getParent();
    }

    @FuzzTest(maxDuration = "10m")
    void cbisDdsmCaseDescriptions(byte[] csv) throws IOException {
        Path file = Files.write(cbis.resolve(CASES), csv);
        try {
            new CbisDdsmImporter(CbisDdsmImportTest.PNG).importFrom(cbis, ImportOptions.defaults());
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().startsWith(cbis + ": "), e::toString);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void folderManifest(byte[] csv) throws IOException {
        Path file = Files.write(folder.resolve(FolderDataset.MANIFEST), csv);
        try {
            new FolderDataset().importFrom(folder, ImportOptions.defaults());
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), e::toString);
        }
    }
}
