package org.mammoflow.api.evaluation;

/**
 * A rule-out threshold: test exams scoring below it would be set aside; the share set aside and the
 * cancers among them ({@code missed} of {@code cancers}).
 */
public record RuleOut(OperatingPoint point, int setAside, int exams, int missed, int cancers) {

    public double shareSetAside() {
        return exams == 0 ? Double.NaN : setAside / (double) exams;
    }
}
