package org.mammoflow.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.image.PreprocessingSettings.Fit;

/**
 * Preprocessing speed on a full-size CBIS-DDSM-like image (3000 x 5000, 16 bit, one ROI), on one
 * thread, against the same steps in numpy/scipy measured in the same run when python3 has them.
 * Not part of the test suite (the name does not end in Test); run it with
 * {@code mvn -pl bundles/org.mammoflow.imaging test -Dtest=PreprocessingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PreprocessingBenchmark {

    private static final int WIDTH = 3000;
    private static final int HEIGHT = 5000;
    private static final int REPEATS = 10;

    @TempDir
    Path folder;

    @Test
    void preprocessFullSizeMammogram() throws Exception {
        GrayImage image = TestImages.breastWithMarker(WIDTH, HEIGHT);
        Mask lesion = TestImages.square(WIDTH, HEIGHT, new int[] { 900, 2400, 1200, 2700 });
        Mammogram raw = new Mammogram("bench", "p", image, List.of(new Roi(LesionType.MASS, Pathology.BENIGN, lesion)));
        BreastPreprocessor preprocessor = new BreastPreprocessor(
                BreastPreprocessorTest.config(Fit.STRETCH, false, 1152, 896));

        double whole = median(() -> preprocessor.preprocess(raw));
        double segmentation = median(() -> BreastSegmentation.of(image, 0.05));
        Resampling geometry = BreastPreprocessor.geometry(new org.mammoflow.api.image.Box(0, 0, WIDTH, HEIGHT),
                Fit.STRETCH, 1152, 896);
        double resize = median(() -> geometry.apply(image));
        double maskResize = median(() -> geometry.apply(lesion));
        assertEquals(896, preprocessor.preprocess(raw).image().width());

        System.out.printf(Locale.ROOT, "%nPreprocessing %d x %d 16-bit -> 1152 x 896, 1 thread, median of %d:%n", WIDTH,
                HEIGHT, REPEATS);
        System.out.printf(Locale.ROOT, "  whole (segment + zero outside + resize image and 1 mask): %7.1f ms%n", whole * 1e3);
        System.out.printf(Locale.ROOT, "  breast segmentation:                                      %7.1f ms%n", segmentation * 1e3);
        System.out.printf(Locale.ROOT, "  image resize (antialiased linear):                        %7.1f ms%n", resize * 1e3);
        System.out.printf(Locale.ROOT, "  mask resize (nearest):                                    %7.1f ms%n", maskResize * 1e3);
        double reference = pythonReference(image);
        if (reference > 0) {
            System.out.printf(Locale.ROOT, "  numpy/scipy, same steps (reference):                      %7.1f ms  -> Mammoflow is %.1fx faster%n",
                    reference * 1e3, reference / whole);
        } else {
            System.out.println("  numpy/scipy reference: not measured (python3 with numpy and scipy not found)");
        }
    }

    private static double median(Supplier<?> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        double[] seconds = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }

    /** Median seconds of the numpy/scipy pipeline on the same pixels, or -1 when unavailable. */
    private double pythonReference(GrayImage image) throws IOException, InterruptedException {
        Path raw = folder.resolve("image.u16");
        ByteBuffer bytes = ByteBuffer.allocate(image.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(image.samples());
        Files.write(raw, bytes.array());
        Path script = Path.of("src", "test", "python", "preprocess_reference.py").toAbsolutePath();
        Process python;
        try {
            python = new ProcessBuilder("python3", script.toString(), raw.toString(), String.valueOf(WIDTH),
                    String.valueOf(HEIGHT), String.valueOf(REPEATS)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1;
        }
        String output = new String(python.getInputStream().readAllBytes()).strip();
        if (!python.waitFor(10, TimeUnit.MINUTES) || python.exitValue() != 0) {
            System.out.println("  (python3 reference failed: " + output.lines().reduce((a, b) -> b).orElse("") + ")");
            return -1;
        }
        return Double.parseDouble(output);
    }
}
