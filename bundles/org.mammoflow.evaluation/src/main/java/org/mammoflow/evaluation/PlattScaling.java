package org.mammoflow.evaluation;

import org.mammoflow.api.evaluation.Calibration;

/**
 * Platt's sigmoid calibration, {@code p = 1 / (1 + exp(a * score + b))}, fitted as scikit-learn's
 * {@code _sigmoid_calibration} fits it: cross-entropy against Platt's smoothed targets
 * ({@code (positives + 1) / (positives + 2)} for a positive, {@code 1 / (negatives + 2)} for a
 * negative), a convex problem solved here by Newton's method with a backtracking line search (Lin,
 * Lin and Weng 2007), so the optimum is the one scikit-learn's optimiser approaches.
 */
final class PlattScaling {

    private static final int MAX_ITERATIONS = 200;

    private PlattScaling() {
    }

    static Calibration fit(double[] scores, boolean[] positive) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("calibration needs benign and malignant images; "
                    + (positives == 0 ? "there is no malignant one" : "there is no benign one"));
        }
        double[] target = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            target[i] = positive[i] ? (positives + 1.0) / (positives + 2.0) : 1.0 / (negatives + 2.0);
        }
        double a = 0;
        double b = Math.log((negatives + 1.0) / (positives + 1.0));
        double loss = loss(scores, target, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < scores.length; i++) {
                double p = probability(a * scores[i] + b);
                double d = target[i] - p; // d loss / d (a f + b)
                ga += scores[i] * d;
                gb += d;
                double w = p * (1 - p);
                haa += scores[i] * scores[i] * w;
                hab += scores[i] * w;
                hbb += w;
            }
            if (Math.abs(ga) < 1e-10 && Math.abs(gb) < 1e-10) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(-hab * ga + haa * gb) / det;
            double step = 1;
            double next;
            while ((next = loss(scores, target, a + step * da, b + step * db)) > loss + 1e-4 * step * (ga * da + gb * db)
                    && step > 1e-10) {
                step /= 2;
            }
            if (step <= 1e-10) {
                break;
            }
            a += step * da;
            b += step * db;
            if (Math.abs(loss - next) < 1e-14 * Math.max(1, Math.abs(loss))) {
                loss = next;
                break;
            }
            loss = next;
        }
        return Calibration.platt(a, b);
    }

    /** 1 / (1 + exp(z)), without overflow. */
    private static double probability(double z) {
        return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
    }

    private static double loss(double[] scores, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double z = a * scores[i] + b;
            // -(t log p + (1 - t) log(1 - p)) with p = 1 / (1 + e^z) is log(1 + e^z) - (1 - t) z
            double t = target[i];
            sum += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)) - (1 - t) * z;
        }
        return sum;
    }
}
