package org.mammoflow.evaluation;

/**
 * How far probabilities are from outcomes: the Brier score (mean squared difference) and the expected
 * calibration error over equal-width bins of the probability (each bin's |fraction positive - mean
 * probability|, weighted by its share of the cases; the last bin includes 1).
 */
final class CalibrationError {

    static final int BINS = 10;

    /** One bin of a reliability diagram: its cases, mean probability and fraction positive. */
    record Bin(int cases, double meanProbability, double fractionPositive) {
    }

    private CalibrationError() {
    }

    static double brier(double[] probabilities, boolean[] positive) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (positive[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    static double expected(double[] probabilities, boolean[] positive) {
        double sum = 0;
        for (Bin bin : bins(probabilities, positive)) {
            if (bin.cases() > 0) {
                sum += bin.cases() * Math.abs(bin.fractionPositive() - bin.meanProbability());
            }
        }
        return sum / probabilities.length;
    }

    static Bin[] bins(double[] probabilities, boolean[] positive) {
        int[] cases = new int[BINS];
        double[] probability = new double[BINS];
        int[] positives = new int[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(BINS - 1, (int) Math.floor(probabilities[i] * BINS));
            cases[bin]++;
            probability[bin] += probabilities[i];
            positives[bin] += positive[i] ? 1 : 0;
        }
        Bin[] bins = new Bin[BINS];
        for (int b = 0; b < BINS; b++) {
            bins[b] = cases[b] == 0 ? new Bin(0, Double.NaN, Double.NaN)
                    : new Bin(cases[b], probability[b] / cases[b], positives[b] / (double) cases[b]);
        }
        return bins;
    }
}
