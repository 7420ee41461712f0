package org.mammoflow.imaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes in a PNG file end in an image or in an error that names the file, through both readers:
 * {@link GrayPng} (8- and 16-bit gray) and Commons Imaging with javax.imageio (any other PNG). No other
 * exception, no OutOfMemoryError, no hang. Replayed on the committed inputs (PngFuzzTestInputs) by every
 * test run; fuzzed with {@code JAZZER_FUZZ=1} (docs/benchmarks.md, "Fuzzing").
 */
class PngFuzzTest {

    private static final PngFiles PNG = new PngFiles(PngFilesTest.config(100), List.of());
    @TempDir
    static Path folder;

    @FuzzTest(maxDuration = "10m")
    void readsOrRefusesNamingTheFile(byte[] bytes) throws IOException {
        Path file = Files.write(folder.resolve("image.png"), bytes);
        try {
            PNG.header(file);
            PNG.attributes(file);
            PNG.read(file);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e::toString);
        }
    }
}
