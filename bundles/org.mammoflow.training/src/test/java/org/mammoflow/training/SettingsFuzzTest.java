package org.mammoflow.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.PreprocessingSettings;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes in the settings files Mammoflow reads back (a run's run.properties, a dataset's
 * preprocessing.properties) end in settings or in an error that names the file: no other exception,
 * no OutOfMemoryError, no hang. Replayed on the committed inputs (SettingsFuzzTestInputs) by every test
 * run; fuzzed with {@code JAZZER_FUZZ=1} (docs/benchmarks.md, "Fuzzing").
 */
class SettingsFuzzTest {

    private static final RunSettings DEFAULTS = new RunSettings(true, Augmentation.Kind.FLIPS, 4, 5);

    @TempDir
    static Path folder;

    @FuzzTest(maxDuration = "10m")
    void runProperties(byte[] bytes) throws IOException {
        Path file = Files.write(folder.resolve("run.properties"), bytes);
        try {
            new RunFolder(folder).read(DEFAULTS);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e::toString);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void preprocessingProperties(byte[] bytes) throws IOException {
        Path file = Files.write(folder.resolve(PreprocessingSettings.FILE), bytes);
        try {
            TrainingRun.preprocessingOf(folder);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e::toString);
        }
    }
}
