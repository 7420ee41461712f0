package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.LevelMetrics;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.image.ImageAttributes;
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
        assertEquals(4, e.reports().size(), "roc.png, roc.csv, evaluation.json and .md: " + e.reports());
        List<String> roc = Files.readAllLines(dir.resolve("roc.csv"));
        assertEquals("false_positive_rate,true_positive_rate,threshold", roc.get(0));
        assertTrue(roc.get(1).startsWith("0.000000,0.000000,") && roc.get(roc.size() - 1).startsWith("1.000000,1.000000,"),
                "from (0, 0) to (1, 1): " + roc);
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

    @Test
    void viewsCombinePerBreastAndExamWithMissingViewsCounted() {
        List<Prediction> images = List.of(image("A", "L", "CC", 0, 0.2f), image("A", "L", "MLO", 1, 0.8f),
                image("A", "R", "CC", 0, 0.1f), image("B", "", "CC", 0, 0.9f));
        List<Screening.Exam<Prediction>> exams = Screening.exams(images, Prediction::attributes);
        assertEquals(1, exams.size(), "B names no breast: left out of the grouping");
        Screening.Exam<Prediction> a = exams.get(0);
        assertEquals(0.8, a.score(Prediction::malignant, ViewCombination.MAX), 1e-6);
        assertEquals(0.5, a.breasts().get(0).score(Prediction::malignant, ViewCombination.MEAN), 1e-6);
        assertEquals(0.5, a.score(Prediction::malignant, ViewCombination.MEAN), 1e-6, "the higher breast's mean");
        assertEquals(0, a.missingViews(a.breasts().get(0), Prediction::attributes));
        assertEquals(1, a.missingViews(a.breasts().get(1), Prediction::attributes), "R lacks its MLO");
        assertEquals(1, a.missingViews(Prediction::attributes));
        assertEquals(3, Screening.exams(List.of(images.get(0)), Prediction::attributes).get(0)
                .missingViews(Prediction::attributes), "one image: three of four views missing");
    }

    @Test
    void aScreeningEvaluationReportsExamsCalibrationAndOperatingPoints() throws Exception {
        List<Prediction> validation = new ArrayList<>();
        List<Prediction> test = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int label = i % 3 == 0 ? 1 : 0;
            float score = (float) (label == 1 ? 0.5 + 0.012 * i : 0.45 * (i % 7) / 6);
            validation.add(image("V" + i, i % 2 == 0 ? "L" : "R", "CC", label, score));
            test.add(image("T" + i, "L", i % 2 == 0 ? "CC" : "MLO", label, score));
        }
        ModelCalibration calibration = new ModelCalibration(List.of("x"), ViewCombination.MAX,
                PlattScaling.fit(ScoredCases.images(validation).scores(), ScoredCases.images(validation).positive()),
                List.of(), "test", 40, 40);
        Evaluation e = evaluator.evaluate(new ScreeningRequest(test, validation, ViewCombination.MAX,
                Optional.of(calibration), List.of(OperatingPoint.Target.parse("sensitivity:0.9"))), dir);
        assertEquals(List.of("image", "breast", "exam"), e.levels().stream().map(LevelMetrics::level).toList());
        assertEquals(40, e.level("exam").orElseThrow().cases(), "one image per patient: 40 exams");
        assertTrue(e.calibration().orElseThrow().brierAfter() < e.calibration().orElseThrow().brierBefore(),
                "test scored as validation: the map fitted there helps here");
        OperatingPointMetrics point = e.operatingPoints().get(0);
        assertTrue(point.validationSensitivity() >= 0.9, "chosen to reach 0.9 on validation");
        assertEquals(14, point.sensitivity().of(), "the test's 14 cancers");
        assertTrue(point.sensitivity().interval().low() <= point.sensitivity().value());
        assertEquals(2, e.ruleOut().size(), "no cancer missed on validation, and the asked point");
        String markdown = Files.readString(dir.resolve("evaluation.md"));
        assertTrue(markdown.contains("| exam | 40 | 14 |") && markdown.contains("## Calibration (platt")
                && markdown.contains("| sensitivity 0.900 |") && markdown.contains("| benign |"), markdown);
        assertTrue(Files.readString(dir.resolve("evaluation.json")).contains("\"level\": \"exam\""));
        assertNotNull(ImageIO.read(dir.resolve("reliability.png").toFile()));
        assertEquals(41, Files.readAllLines(dir.resolve("exams.csv")).size());
        assertEquals("image_index,malignant_pred,malignant_label",
                Files.readAllLines(dir.resolve("metarepository-image-level.csv")).get(0));
    }

    private static Prediction image(String patient, String laterality, String view, int label, float malignant) {
        return new Prediction(patient + laterality + view + ".png", label, new float[] {1 - malignant, malignant},
                new ImageAttributes(patient, laterality, view));
    }

    private static Prediction p(int label, float malignant) {
        return new Prediction("x", label, new float[] {1 - malignant, malignant});
    }
}
