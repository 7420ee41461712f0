package org.mammoflow.api.evaluation;

/** A proportion ({@code count / of}) with its bootstrap interval; NaN when {@code of} is 0. */
public record Rate(int count, int of, Interval interval) {

    public double value() {
        return of == 0 ? Double.NaN : count / (double) of;
    }
}
