package org.mammoflow.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.SynthesisSpec;
import org.mammoflow.api.image.PreprocessingSettings.Fit;
import org.mammoflow.imaging.BreastPreprocessor;

/**
 * {@code mammo:preprocess} end to end, as a user runs it: full-size 16-bit mammograms (3000 x 5000,
 * synthesized with lesions and masks) read, segmented, resized to 1152 x 896 and written, against the
 * same steps in OpenCV on the same files, in the same run (when Debian's python3-opencv is there).
 * Not part of the test suite; run it with
 * {@code mvn -pl bundles/org.mammoflow.dataset test -Dtest=PreprocessingEndToEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PreprocessingEndToEndBenchmark {

    private static final int PATIENTS = 7;

    @TempDir
    Path folder;

    @Test
    void preprocessFullSizeMammograms() throws Exception {
        Path raw = folder.resolve("raw");
        new SyntheticMammograms(CbisDdsmImportTest.PNG).write(raw, new SynthesisSpec(PATIENTS, 3000, 5000, 3));
        ImportReport imported = new CbisDdsmImporter(CbisDdsmImportTest.PNG).importFrom(raw, ImportOptions.defaults());
        new FolderDataset().write(imported.dataset());
        int images = imported.dataset().images().size();
        DatasetPreprocessing preprocessing = new DatasetPreprocessing(CbisDdsmImportTest.PNG,
                new BreastPreprocessor(settings()), new FolderDataset(), new FolderDataset());

        double cold = seconds(() -> preprocessing.preprocess(raw, folder.resolve("first"), 0, 0, (i, n) -> { }));
        double warm = seconds(() -> preprocessing.preprocess(raw, folder.resolve("second"), 0, 0, (i, n) -> { }));
        assertEquals(images, new FolderDataset().importFrom(folder.resolve("second"), ImportOptions.defaults())
                .dataset().images().size());
        double reference = openCv(raw.resolve(DatasetWriter.MANIFEST), folder.resolve("opencv"));

        System.out.printf(Locale.ROOT, "%nmammo:preprocess, %d images of 3000 x 5000 (16-bit PNG) -> 1152 x 896, %d"
                + " processors:%n", images, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  Mammoflow, first run in this JVM: %6.0f ms per image%n", cold / images * 1e3);
        System.out.printf(Locale.ROOT, "  Mammoflow, second run:            %6.0f ms per image%n", warm / images * 1e3);
        if (reference > 0) {
            System.out.printf(Locale.ROOT, "  OpenCV %s, same steps (reference): %6.0f ms per image -> Mammoflow %.2fx"
                    + " (first run), %.2fx (second)%n", "(python3-opencv)", reference * 1e3,
                    reference * images / cold, reference * images / warm);
        } else {
            System.out.println("  OpenCV reference: not measured (python3 with cv2 not found: apt-get install python3-opencv)");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds per image of the OpenCV reference, or -1 when python3 or cv2 is missing. */
    private static double openCv(Path manifest, Path out) throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "python", "preprocess_opencv.py").toAbsolutePath();
        Process python;
        try {
            python = new ProcessBuilder("/usr/bin/python3", script.toString(), manifest.toString(), out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1;
        }
        String output = new String(python.getInputStream().readAllBytes()).strip();
        if (!python.waitFor(10, TimeUnit.MINUTES) || python.exitValue() != 0) {
            System.out.println("  (OpenCV reference failed: " + output.lines().reduce((a, b) -> b).orElse("") + ")");
            return -1;
        }
        return Double.parseDouble(output);
    }

    private static BreastPreprocessor.Config settings() {
        return new BreastPreprocessor.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BreastPreprocessor.Config.class;
            }

            @Override
            public int height() {
                return 1152;
            }

            @Override
            public int width() {
                return 896;
            }

            @Override
            public Fit fit() {
                return Fit.STRETCH;
            }

            @Override
            public boolean segment() {
                return true;
            }

            @Override
            public double threshold() {
                return 0.05;
            }

            @Override
            public boolean cropToBreast() {
                return false;
            }
        };
    }
}
