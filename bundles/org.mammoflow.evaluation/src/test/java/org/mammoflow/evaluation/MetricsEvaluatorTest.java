package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.imaging.PngFiles;

class MetricsEvaluatorTest {

    @TempDir
    Path dir;

    private final MetricsEvaluator evaluator = new MetricsEvaluator(new EvaluationConfig() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return EvaluationConfig.class;
        }

        @Override
        public int resamples() {
            return 200;
        }

        @Override
        public double confidence() {
            return 0.95;
        }

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public long seed() {
            return 1;
        }
    }, new PngFiles(new PngFiles.Config() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return PngFiles.Config.class;
        }

        @Override
        public int maxMegapixels() {
            return 100;
        }
    }));

    @Test
    void twoClassesGiveAucSensitivitySpecificityConfusionAndReports() throws Exception {
        List<Prediction> predictions = List.of(p(1, 0.9f), p(1, 0.6f), p(1, 0.3f), p(0, 0.4f), p(0, 0.2f), p(0, 0.7f));
        Evaluation e = evaluator.evaluate(predictions, dir);
        assertEquals(6, e.samples());
        assertEquals(6 / 9.0, e.auc(), 1e-12);
        assertEquals(2 / 3.0, e.sensitivity(), 1e-12);
        assertEquals(2 / 3.0, e.specificity(), 1e-12);
        assertArrayEquals(new int[] {2, 1}, e.confusion()[0]);
        assertArrayEquals(new int[] {1, 2}, e.confusion()[1]);
        assertTrue(e.aucInterval().low() <= e.auc() && e.auc() <= e.aucInterval().high());
        assertNotNull(ImageIO.read(dir.resolve("roc.png").toFile()));
        assertTrue(Files.readString(dir.resolve("evaluation.json")).contains("\"auc\": 0.666667"));
        assertTrue(Files.readString(dir.resolve("evaluation.md")).contains("| AUC | 0.667"));
        assertEquals(3, e.reports().size());
    }

    @Test
    void fiveClassesGivePerClassAccuracyWithoutAuc() throws Exception {
        List<Prediction> predictions = List.of(
                new Prediction("a", 0, new float[] {0.9f, 0, 0, 0, 0.1f}),
                new Prediction("b", 3, new float[] {0.1f, 0, 0, 0.8f, 0.1f}),
                new Prediction("c", 3, new float[] {0.6f, 0, 0, 0.3f, 0.1f}));
        Evaluation e = evaluator.evaluate(predictions, dir);
        assertEquals(2 / 3.0, e.accuracy(), 1e-12);
        assertEquals(1.0, e.classAccuracy()[0]);
        assertEquals(0.5, e.classAccuracy()[3]);
        assertTrue(Double.isNaN(e.classAccuracy()[1]));
        assertTrue(Double.isNaN(e.auc()));
    }

    private static Prediction p(int label, float malignant) {
        return new Prediction("x", label, new float[] {1 - malignant, malignant});
    }
}
