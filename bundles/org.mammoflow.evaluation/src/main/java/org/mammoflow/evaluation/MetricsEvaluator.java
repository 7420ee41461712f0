package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.Interval;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.files.AtomicFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Scores predictions: accuracy, per-class accuracy and the confusion matrix for any number of
 * classes; for two classes also the AUC of the class-1 (malignant) probability with its bootstrap
 * interval, and sensitivity and specificity at the threshold. Writes evaluation.json,
 * evaluation.md and (two classes) roc.png into the report folder.
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
        double sensitivity = Double.NaN;
        double specificity = Double.NaN;
        List<Path> reports = new ArrayList<>();
        Files.createDirectories(reportDir);
        if (classes == 2) {
            double[] scores = predictions.stream().mapToDouble(p -> p.probabilities()[1]).toArray();
            boolean[] positive = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                positive[i] = predictions.get(i).label() == 1;
            }
            auc = Roc.auc(scores, positive);
            interval = Double.isNaN(auc) ? interval
                    : Bootstrap.aucInterval(scores, positive, config.resamples(), config.confidence(), config.seed());
            sensitivity = classAccuracy[1];
            specificity = classAccuracy[0];
            if (!Double.isNaN(auc)) {
                Path roc = reportDir.resolve("roc.png");
                files.writePicture(roc, RocPlot.draw(Roc.curve(scores, positive), auc, interval, config.resamples()));
                reports.add(roc);
            }
        }
        Evaluation evaluation = new Evaluation(predictions.size(), right / (double) predictions.size(), auc, interval,
                sensitivity, specificity, confusion, classAccuracy, reports);
        reports.add(write(reportDir.resolve("evaluation.json"), json(evaluation)));
        reports.add(write(reportDir.resolve("evaluation.md"), markdown(evaluation)));
        return new Evaluation(evaluation.samples(), evaluation.accuracy(), auc, interval, sensitivity, specificity,
                confusion, classAccuracy, reports);
    }

    private String json(Evaluation e) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"samples\": ").append(e.samples()).append(",\n");
        out.append("  \"accuracy\": ").append(number(e.accuracy())).append(",\n");
        out.append("  \"auc\": ").append(number(e.auc())).append(",\n");
        out.append("  \"auc_interval\": [").append(number(e.aucInterval().low())).append(", ")
                .append(number(e.aucInterval().high())).append("],\n");
        out.append("  \"confidence\": ").append(number(config.confidence())).append(",\n");
        out.append("  \"bootstrap_resamples\": ").append(config.resamples()).append(",\n");
        out.append("  \"threshold\": ").append(number(config.threshold())).append(",\n");
        out.append("  \"sensitivity\": ").append(number(e.sensitivity())).append(",\n");
        out.append("  \"specificity\": ").append(number(e.specificity())).append(",\n");
        out.append("  \"class_accuracy\": [");
        for (int c = 0; c < e.classAccuracy().length; c++) {
            out.append(c > 0 ? ", " : "").append(number(e.classAccuracy()[c]));
        }
        out.append("],\n  \"confusion\": [");
        for (int r = 0; r < e.confusion().length; r++) {
            out.append(r > 0 ? ", " : "").append(Arrays.toString(e.confusion()[r]));
        }
        return out.append("]\n}\n").toString();
    }

    private String markdown(Evaluation e) {
        StringBuilder out = new StringBuilder("# Evaluation\n\n| metric | value |\n| --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| cases | %d |%n| accuracy | %.3f |%n", e.samples(), e.accuracy()));
        if (!Double.isNaN(e.auc())) {
            out.append(String.format(Locale.ROOT, "| AUC | %.3f (%.0f%% CI %.3f-%.3f, %d bootstrap resamples) |%n",
                    e.auc(), 100 * config.confidence(), e.aucInterval().low(), e.aucInterval().high(),
                    config.resamples()));
            out.append(String.format(Locale.ROOT, "| sensitivity at %.2f | %.3f |%n| specificity at %.2f | %.3f |%n",
                    config.threshold(), e.sensitivity(), config.threshold(), e.specificity()));
            out.append("\n![ROC curve](roc.png)\n");
        }
        out.append("\n## Confusion matrix (rows: true class, columns: predicted)\n\n|  |");
        int classes = e.confusion().length;
        for (int c = 0; c < classes; c++) {
            out.append(" ").append(c).append(" |");
        }
        out.append(" accuracy |\n|").append(" --- |".repeat(classes + 2)).append('\n');
        for (int r = 0; r < classes; r++) {
            out.append("| ").append(r).append(" |");
            for (int c = 0; c < classes; c++) {
                out.append(" ").append(e.confusion()[r][c]).append(" |");
            }
            out.append(" ").append(number(e.classAccuracy()[r])).append(" |\n");
        }
        return out.toString();
    }

    private static Path write(Path file, String text) throws IOException {
        return AtomicFiles.writeString(file, text);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
    }
}
