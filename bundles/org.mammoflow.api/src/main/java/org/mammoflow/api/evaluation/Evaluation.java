package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * Metrics of one evaluation. For a two-class model {@code auc} is computed from the malignant
 * probability with a bootstrap interval; {@code classAccuracy} has one entry per class.
 */
public record Evaluation(int samples, double accuracy, double auc, Interval aucInterval, double sensitivity,
        double specificity, int[][] confusion, double[] classAccuracy, List<Path> reports) {
}
