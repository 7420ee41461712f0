package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Metrics of one evaluation. For a two-class model {@code auc} is computed from the malignant
 * probability with a bootstrap interval; {@code classAccuracy} has one entry per class. For a
 * screening evaluation also: discrimination per image, breast and exam ({@code levels}), the
 * calibration's figures, the operating points' test figures and the rule-out table.
 */
public record Evaluation(int samples, double accuracy, double auc, Interval aucInterval, double sensitivity,
        double specificity, int[][] confusion, double[] classAccuracy, List<Path> reports, List<LevelMetrics> levels,
        Optional<CalibrationMetrics> calibration, List<OperatingPointMetrics> operatingPoints, List<RuleOut> ruleOut) {

    public Evaluation {
        reports = List.copyOf(reports);
        levels = List.copyOf(levels);
        operatingPoints = List.copyOf(operatingPoints);
        ruleOut = List.copyOf(ruleOut);
    }

    public Evaluation(int samples, double accuracy, double auc, Interval aucInterval, double sensitivity,
            double specificity, int[][] confusion, double[] classAccuracy, List<Path> reports) {
        this(samples, accuracy, auc, aucInterval, sensitivity, specificity, confusion, classAccuracy, reports,
                List.of(), Optional.empty(), List.of(), List.of());
    }

    /** The metrics of one level ({@code image}, {@code breast}, {@code exam}), if computed. */
    public Optional<LevelMetrics> level(String name) {
        return levels.stream().filter(l -> l.level().equals(name)).findFirst();
    }
}
