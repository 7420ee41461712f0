package org.mammoflow.api.evaluation;

import java.util.Locale;

/**
 * How the probabilities of a breast's views make the breast's: the largest (the paper's rule) or their
 * mean (the NYU meta-repository's scorer). An exam's is always its higher breast's.
 */
public enum ViewCombination {
    MAX, MEAN;

    public double combine(double[] views) {
        if (views.length == 0) {
            throw new IllegalArgumentException("no view to combine");
        }
        double result = this == MAX ? Double.NEGATIVE_INFINITY : 0;
        for (double v : views) {
            result = this == MAX ? Math.max(result, v) : result + v / views.length;
        }
        return result;
    }

    /** {@code max} or {@code mean}, in any case. */
    public static ViewCombination parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown view combination '" + name + "' (max or mean)", e);
        }
    }
}
