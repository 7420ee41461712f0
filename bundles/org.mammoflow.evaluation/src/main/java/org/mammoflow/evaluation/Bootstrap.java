package org.mammoflow.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.mammoflow.api.evaluation.Interval;

/**
 * Percentile bootstrap: resample the cases with replacement, recompute the statistic, take the
 * (1 - level) / 2 and (1 + level) / 2 quantiles. A resample on which the statistic is undefined (NaN:
 * a class missing) is drawn again.
 */
final class Bootstrap {

    private Bootstrap() {
    }

    static Interval aucInterval(double[] scores, boolean[] positive, int resamples, double level, long seed) {
        return interval(scores.length, pick -> Roc.auc(take(scores, pick), take(positive, pick)), resamples, level,
                seed);
    }

    /** The interval of a statistic of a resample, given as the indices of the cases drawn. */
    static Interval interval(int cases, ToDoubleFunction<int[]> statistic, int resamples, double level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int[] pick = new int[cases];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            double value;
            int tries = 0;
            do {
                for (int i = 0; i < cases; i++) {
                    pick[i] = random.nextInt(cases);
                }
                value = statistic.applyAsDouble(pick);
            } while (Double.isNaN(value) && ++tries < 1000);
            if (!Double.isNaN(value)) {
                values[kept++] = value;
            }
        }
        if (kept == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2));
    }

    static double[] take(double[] values, int[] pick) {
        double[] out = new double[pick.length];
        for (int i = 0; i < pick.length; i++) {
            out[i] = values[pick[i]];
        }
        return out;
    }

    static boolean[] take(boolean[] values, int[] pick) {
        boolean[] out = new boolean[pick.length];
        for (int i = 0; i < pick.length; i++) {
            out[i] = values[pick[i]];
        }
        return out;
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
