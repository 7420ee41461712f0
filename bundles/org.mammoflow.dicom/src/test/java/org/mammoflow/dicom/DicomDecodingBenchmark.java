package org.mammoflow.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding a full-size 16-bit mammogram (3000 x 5000) from DICOM, uncompressed and JPEG Lossless,
 * against pydicom on the same files in the same run (pydicom writes them; dcmtk compresses). Both
 * sides read the file and decode every pixel; both are checked against the source pixels. Not part
 * of the suite (the name does not end in Test); run it with
 * {@code mvn -pl bundles/org.mammoflow.dicom test -Dtest=DicomDecodingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DicomDecodingBenchmark {

    private static final int WIDTH = 3000;
    private static final int HEIGHT = 5000;
    private static final int REPEATS = 7;

    @TempDir
    Path folder;

    @Test
    void decodeFullSizeMammogram() throws Exception {
        short[] source = breast();
        Path raw = folder.resolve("image.u16");
        ByteBuffer bytes = ByteBuffer.allocate(source.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(source);
        Files.write(raw, bytes.array());
        Path script = Path.of("src", "test", "python", "decode_reference.py").toAbsolutePath();
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), raw.toString(),
                String.valueOf(WIDTH), String.valueOf(HEIGHT), String.valueOf(REPEATS), folder.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new String(python.getInputStream().readAllBytes()).strip().lines().toList();
        if (!python.waitFor(20, TimeUnit.MINUTES) || python.exitValue() != 0) {
            throw new AssertionError("the pydicom reference failed: " + String.join("\n", lines));
        }
        DicomFiles dicom = new DicomFiles(DicomFilesTest.config(100));
        System.out.printf(Locale.ROOT, "%nDecoding a %d x %d 16-bit DICOM, median of %d after 2 warm-up runs:%n",
                WIDTH, HEIGHT, REPEATS);
        for (String line : lines) {
            String[] parts = line.split(" ");
            Path file = Path.of(parts[1]);
            double reference = Double.parseDouble(parts[2]);
            assertArrayEquals(source, dicom.read(file).image().samples(), parts[0]);
            double mammoflow = median(() -> dicom.read(file));
            System.out.printf(Locale.ROOT, "  %-14s %9d bytes: Mammoflow %7.1f ms, pydicom %7.1f ms -> %.2fx%n",
                    parts[0], Files.size(file), mammoflow * 1e3, reference * 1e3, reference / mammoflow);
        }
    }

    /** A breast-like 16-bit image: a bright half-ellipse on black, smooth with noise, as mammograms compress. */
    private static short[] breast() {
        Random random = new Random(7);
        short[] samples = new short[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            double dy = (y - HEIGHT / 2.0) / (HEIGHT / 2.0);
            for (int x = 0; x < WIDTH; x++) {
                double dx = x / (WIDTH * 0.8);
                double r = dx * dx + dy * dy;
                if (r < 1) {
                    int value = (int) (9000 + 30000 * Math.sqrt(1 - r) + random.nextGaussian() * 400);
                    samples[y * WIDTH + x] = (short) Math.max(0, Math.min(65535, value));
                }
            }
        }
        return samples;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double median(Work work) throws Exception {
        for (int i = 0; i < 2; i++) {
            work.run();
        }
        double[] seconds = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }
}
