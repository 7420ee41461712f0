package org.mammoflow.api.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A monotone map from a model's score (its malignant probability) to a calibrated probability.
 * {@link Method#PLATT}: {@code 1 / (1 + exp(a * score + b))}, {@code a} and {@code b} as scikit-learn's
 * sigmoid calibration fits them. {@link Method#ISOTONIC}: linear interpolation between the points
 * ({@code x} increasing), clipped to the end points outside them, as scikit-learn's
 * IsotonicRegression(out_of_bounds="clip") predicts.
 */
public record Calibration(Method method, double a, double b, double[] x, double[] y) {

    public enum Method {
        PLATT, ISOTONIC;

        public static Method parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown calibration method '" + name + "' (platt or isotonic)", e);
            }
        }
    }

    public Calibration {
        Objects.requireNonNull(method, "method");
        x = x.clone();
        y = y.clone();
        if (x.length != y.length || method == Method.ISOTONIC && x.length == 0) {
            throw new IllegalArgumentException("an isotonic map needs as many x as y, at least one");
        }
    }

    public static Calibration platt(double a, double b) {
        return new Calibration(Method.PLATT, a, b, new double[0], new double[0]);
    }

    public static Calibration isotonic(double[] x, double[] y) {
        return new Calibration(Method.ISOTONIC, Double.NaN, Double.NaN, x, y);
    }

    /** The calibrated probability of a score. */
    public double apply(double score) {
        if (method == Method.PLATT) {
            return 1 / (1 + Math.exp(a * score + b));
        }
        if (score <= x[0]) {
            return y[0];
        }
        if (score >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int at = Arrays.binarySearch(x, score);
        if (at >= 0) {
            return y[at];
        }
        int above = -at - 1;
        int below = above - 1;
        double t = (score - x[below]) / (x[above] - x[below]);
        return y[below] + t * (y[above] - y[below]);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
