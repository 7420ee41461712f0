package org.mammoflow.api.evaluation;

/** A confidence interval. */
public record Interval(double low, double high) {

    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
