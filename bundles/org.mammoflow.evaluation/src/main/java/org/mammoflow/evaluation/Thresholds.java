package org.mammoflow.evaluation;

import java.util.Arrays;

import org.mammoflow.api.evaluation.OperatingPoint;

/**
 * Chooses a decision threshold on scored cases (a case is positive at threshold t when its score is at
 * least t). Candidates are the distinct scores, so cases with equal scores always fall on the same
 * side. For a sensitivity target: the highest threshold that reaches it (the best specificity among
 * those that do); for a specificity target: the lowest (the best sensitivity), above every score when
 * only recalling nobody reaches it.
 */
final class Thresholds {

    private Thresholds() {
    }

    static double choose(OperatingPoint.Target target, double[] scores, boolean[] positive) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = scores.length - positives;
        boolean bySensitivity = target.criterion() == OperatingPoint.Criterion.SENSITIVITY;
        if (bySensitivity ? positives == 0 : negatives == 0) {
            throw new IllegalArgumentException("cannot choose a threshold for " + target + ": the validation exams have no "
                    + (bySensitivity ? "cancer" : "exam without cancer"));
        }
        double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
        if (bySensitivity) {
            for (int k = distinct.length - 1; k >= 0; k--) {
                if (count(scores, positive, true, distinct[k]) / (double) positives >= target.value() - 1e-12) {
                    return distinct[k];
                }
            }
            return distinct[0];
        }
        for (double t : distinct) {
            if ((negatives - count(scores, positive, false, t)) / (double) negatives >= target.value() - 1e-12) {
                return t;
            }
        }
        return Math.nextUp(distinct[distinct.length - 1]);
    }

    /** Cases of this class scoring at or above the threshold. */
    private static int count(double[] scores, boolean[] positive, boolean ofClass, double threshold) {
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            n += positive[i] == ofClass && scores[i] >= threshold ? 1 : 0;
        }
        return n;
    }
}
