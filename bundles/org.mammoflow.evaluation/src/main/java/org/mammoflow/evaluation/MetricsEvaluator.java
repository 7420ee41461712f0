package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mammoflow.api.evaluation.CalibrationMetrics;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.Interval;
import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.RuleOut;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.files.CsvTable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Scores predictions: accuracy, per-class accuracy and the confusion matrix for any number of
 * classes; for two classes also the AUC of the class-1 (malignant) probability with its bootstrap
 * interval, and sensitivity and specificity at the threshold; for a screening request also the
 * figures per breast and exam, the calibration's and the operating points'. Writes evaluation.json,
 * evaluation.md and its pictures (roc.png, reliability.png) into the report folder.
 */
@Component(configurationPid = MetricsEvaluator.PID)
@Designate(ocd = EvaluationConfig.class)
public final class MetricsEvaluator implements Evaluator {

    static final String PID = "org.mammoflow.evaluation";

    private final EvaluationConfig config;
    private final ImageFiles files;

    @Activate
    public MetricsEvaluator(EvaluationConfig config, @Reference ImageFiles files) {
        this.config = config;
        this.files = files;
    }

    @Override
    public Evaluation evaluate(List<Prediction> predictions, Path reportDir) throws IOException {
        return write(classification(predictions, reportDir), reportDir);
    }

    @Override
    public Evaluation evaluate(ScreeningRequest request, Path reportDir) throws IOException {
        Evaluation base = classification(request.test(), reportDir);
        if (base.classAccuracy().length != 2) {
            throw new IllegalArgumentException("a screening evaluation needs a whole-image (benign/malignant) model");
        }
        ScreeningMetrics screening = new ScreeningMetrics(config);
        Optional<CalibrationMetrics> calibration = Optional.empty();
        if (request.calibration().isPresent()) {
            calibration = Optional.of(calibration(request, request.calibration().get().calibration(), reportDir));
        }
        List<OperatingPointMetrics> points = List.of();
        List<RuleOut> ruleOut = List.of();
        if (!request.targets().isEmpty()) {
            List<OperatingPoint> chosen = ScreeningMetrics.choose(request, request.targets());
            points = screening.operatingPoints(request, chosen);
            List<OperatingPoint> ruleOutPoints = new ArrayList<>(chosen.stream()
                    .filter(p -> p.target().criterion() == OperatingPoint.Criterion.SENSITIVITY).toList());
            if (ruleOutPoints.stream().noneMatch(p -> p.target().equals(ScreeningMetrics.NO_CANCER_MISSED))) {
                ruleOutPoints.addAll(0, ScreeningMetrics.choose(request, List.of(ScreeningMetrics.NO_CANCER_MISSED)));
            }
            ruleOut = ScreeningMetrics.ruleOut(request, ruleOutPoints);
        }
        List<Path> reports = new ArrayList<>(base.reports());
        calibration.flatMap(CalibrationMetrics::diagram).ifPresent(reports::add);
        reports.add(ExamTable.write(reportDir.resolve("exams.csv"), request));
        reports.addAll(MetarepositoryTables.write(reportDir, request));
        Evaluation evaluation = new Evaluation(base.samples(), base.accuracy(), base.auc(), base.aucInterval(),
                base.sensitivity(), base.specificity(), base.confusion(), base.classAccuracy(), reports,
                screening.levels(request), calibration, points, ruleOut);
        return write(evaluation, reportDir, request.views());
    }

    /** Accuracy and the confusion matrix; for two classes the AUC, its interval and roc.png. */
    private Evaluation classification(List<Prediction> predictions, Path reportDir) throws IOException {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no predictions");
        }
        int classes = predictions.get(0).probabilities().length;
        int[][] confusion = new int[classes][classes];
        for (Prediction p : predictions) {
            confusion[p.label()][p.predicted(classes == 2 ? config.threshold() : Double.NaN)]++;
        }
        double[] classAccuracy = new double[classes];
        int right = 0;
        for (int c = 0; c < classes; c++) {
            int total = Arrays.stream(confusion[c]).sum();
            classAccuracy[c] = total == 0 ? Double.NaN : confusion[c][c] / (double) total;
            right += confusion[c][c];
        }
        double auc = Double.NaN;
        Interval interval = new Interval(Double.NaN, Double.NaN);
        List<Path> reports = new ArrayList<>();
        Files.createDirectories(reportDir);
        if (classes == 2) {
            ScoredCases images = ScoredCases.images(predictions);
            auc = Roc.auc(images.scores(), images.positive());
            if (!Double.isNaN(auc)) {
                interval = Bootstrap.aucInterval(images.scores(), images.positive(), config.resamples(),
                        config.confidence(), config.seed());
                List<Roc.Point> curve = Roc.curve(images.scores(), images.positive());
                Path roc = reportDir.resolve("roc.png");
                files.writePicture(roc, RocPlot.draw(curve, auc, interval, config.resamples()));
                reports.add(roc);
                reports.add(rocTable(curve, reportDir.resolve("roc.csv")));
            }
        }
        return new Evaluation(predictions.size(), right / (double) predictions.size(), auc, interval,
                classes == 2 ? classAccuracy[1] : Double.NaN, classes == 2 ? classAccuracy[0] : Double.NaN, confusion,
                classAccuracy, reports);
    }

    /** The ROC curve's points (the dashboard draws it from them): false and true positive rate, threshold. */
    private static Path rocTable(List<Roc.Point> curve, Path file) throws IOException {
        CsvTable.write(file, List.of("false_positive_rate", "true_positive_rate", "threshold"), curve.stream()
                .map(p -> List.of(CsvTable.probability(p.falsePositiveRate()), CsvTable.probability(p.truePositiveRate()),
                        Double.isInfinite(p.threshold()) ? "" : CsvTable.probability(p.threshold()))).toList());
        return file;
    }

    /** Brier score and ECE of the test images before and after the map, and reliability.png drawn from them. */
    private CalibrationMetrics calibration(ScreeningRequest request, Calibration map, Path reportDir)
            throws IOException {
        ScoredCases images = ScoredCases.images(request.test());
        double[] after = ScreeningMetrics.calibrated(images.scores(), map);
        String method = map.method().name().toLowerCase(Locale.ROOT);
        double eceBefore = CalibrationError.expected(images.scores(), images.positive());
        double eceAfter = CalibrationError.expected(after, images.positive());
        Path diagram = reportDir.resolve("reliability.png");
        files.writePicture(diagram, ReliabilityPlot.draw(CalibrationError.bins(images.scores(), images.positive()),
                CalibrationError.bins(after, images.positive()), method, eceBefore, eceAfter));
        return new CalibrationMetrics(method, CalibrationError.brier(images.scores(), images.positive()),
                CalibrationError.brier(after, images.positive()), eceBefore, eceAfter, Optional.of(diagram));
    }

    private Evaluation write(Evaluation e, Path reportDir) throws IOException {
        return write(e, reportDir, ViewCombination.MAX);
    }

    private Evaluation write(Evaluation e, Path reportDir, ViewCombination views) throws IOException {
        EvaluationReport report = new EvaluationReport(config, views);
        List<Path> reports = new ArrayList<>(e.reports());
        reports.add(report.writeJson(e, reportDir.resolve("evaluation.json")));
        reports.add(report.writeMarkdown(e, reportDir.resolve("evaluation.md")));
        return new Evaluation(e.samples(), e.accuracy(), e.auc(), e.aucInterval(), e.sensitivity(), e.specificity(),
                e.confusion(), e.classAccuracy(), reports, e.levels(), e.calibration(), e.operatingPoints(),
                e.ruleOut());
    }
}
