package org.mammoflow.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.mammoflow.api.evaluation.Interval;

/**
 * Percentile bootstrap of the AUC: resample the cases with replacement, recompute, take the
 * (1 - level) / 2 and (1 + level) / 2 quantiles. Resamples that miss a class are drawn again.
 */
final class Bootstrap {

    private Bootstrap() {
    }

    static Interval aucInterval(double[] scores, boolean[] positive, int resamples, double level, long seed) {
        int n = scores.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] aucs = new double[resamples];
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        for (int r = 0; r < resamples; r++) {
            double auc;
            int tries = 0;
            do {
                for (int i = 0; i < n; i++) {
                    int pick = random.nextInt(n);
                    s[i] = scores[pick];
                    p[i] = positive[pick];
                }
                auc = Roc.auc(s, p);
            } while (Double.isNaN(auc) && ++tries < 1000);
            aucs[r] = auc;
        }
        Arrays.sort(aucs);
        return new Interval(quantile(aucs, (1 - level) / 2), quantile(aucs, (1 + level) / 2));
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
