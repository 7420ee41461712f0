package org.mammoflow.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.mammoflow.api.evaluation.Calibration;

/**
 * Isotonic regression of the outcome on the score by pool-adjacent-violators, as scikit-learn's
 * IsotonicRegression fits it: equal scores first merged into one point (their outcomes averaged,
 * weighted by count), then adjacent blocks that decrease pooled into their weighted mean. The map
 * keeps one point per distinct score; between them it interpolates, outside them it clips.
 */
final class IsotonicFit {

    private IsotonicFit() {
    }

    static Calibration fit(double[] scores, boolean[] positive) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one image");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        List<double[]> points = new ArrayList<>(); // {x, mean y, weight}
        for (int k = 0; k < order.length;) {
            int end = k;
            double sum = 0;
            while (end < order.length && scores[order[end]] == scores[order[k]]) {
                sum += positive[order[end]] ? 1 : 0;
                end++;
            }
            points.add(new double[] { scores[order[k]], sum / (end - k), end - k });
            k = end;
        }
        double[] x = new double[points.size()];
        double[] y = pooled(points);
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
        }
        return Calibration.isotonic(x, y);
    }

    /** Pool-adjacent-violators over the points' means and weights: one fitted value per point. */
    private static double[] pooled(List<double[]> points) {
        int n = points.size();
        double[] value = new double[n];
        double[] weight = new double[n];
        int[] end = new int[n]; // block b covers points [start of b, end[b])
        int[] start = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = points.get(i)[1];
            weight[blocks] = points.get(i)[2];
            start[blocks] = i;
            end[blocks] = i + 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                end[blocks - 2] = end[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(fitted, start[b], end[b], value[b]);
        }
        return fitted;
    }
}
