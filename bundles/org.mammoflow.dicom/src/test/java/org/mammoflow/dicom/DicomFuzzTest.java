package org.mammoflow.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes in a DICOM file end in an image or in an error that names the file: no other exception,
 * no OutOfMemoryError, no hang. Replayed on the committed inputs (DicomFuzzTestInputs, the fixtures and
 * what fuzzing found) by every test run; fuzzed with {@code JAZZER_FUZZ=1} (docs/benchmarks.md, "Fuzzing").
 */
class DicomFuzzTest {

    private static final DicomFiles DICOM = new DicomFiles(DicomFilesTest.config(100));
    @TempDir
    static Path folder;

    @FuzzTest(maxDuration = "10m")
    void readsOrRefusesNamingTheFile(byte[] bytes) throws IOException {
        Path file = Files.write(folder.resolve("image.dcm"), bytes);
        try {
            DICOM.header(file);
            DICOM.attributes(file);
            DICOM.identity(file);
            DICOM.read(file);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e::toString);
        }
    }
}
