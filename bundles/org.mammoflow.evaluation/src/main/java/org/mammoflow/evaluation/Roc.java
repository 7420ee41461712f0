package org.mammoflow.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ROC curve and its area for scores of positives and negatives. The AUC is the Mann-Whitney
 * statistic: the probability that a random positive scores above a random negative, ties counting
 * one half (computed from average ranks, so O(n log n)).
 */
final class Roc {

    /** One operating point: false and true positive rates at a score threshold. */
    record Point(double falsePositiveRate, double truePositiveRate, double threshold) {
    }

    private Roc() {
    }

    /** NaN when either class is absent. */
    static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositives = 0;
        long positives = 0;
        for (int start = 0; start < n;) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1; // ties share the mean of their ranks
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The curve from (0, 0) to (1, 1), one point per distinct score. */
    static List<Point> curve(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = scores.length - positives;
        List<Point> points = new ArrayList<>(List.of(new Point(0, 0, Double.POSITIVE_INFINITY)));
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                points.add(new Point(negatives == 0 ? 0 : fp / (double) negatives,
                        positives == 0 ? 0 : tp / (double) positives, scores[order[k]]));
            }
        }
        return points;
    }

    /**
     * The area under the precision-recall curve by the trapezoid rule over recall, from (recall 0,
     * precision 1) through one point per distinct score, highest first, as scikit-learn's
     * {@code auc(recall, precision)} of {@code precision_recall_curve} gives it (the NYU meta-repository's
     * AUPRC). NaN without positives.
     */
    static double auprc(double[] scores, boolean[] positive) {
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        long negatives = scores.length - positives;
        double area = 0;
        double recall = 0;
        double precision = 1;
        List<Point> points = curve(scores, positive);
        for (Point point : points.subList(1, points.size())) {
            double tp = point.truePositiveRate() * positives;
            double p = tp / (tp + point.falsePositiveRate() * negatives);
            area += (point.truePositiveRate() - recall) * (p + precision) / 2;
            recall = point.truePositiveRate();
            precision = p;
        }
        return area;
    }
}
