package org.mammoflow.api.evaluation;

/**
 * An operating point chosen on validation exams, applied to test exams: its test figures, each with
 * a bootstrap interval, and the validation's own sensitivity and specificity at it.
 */
public record OperatingPointMetrics(OperatingPoint point, Rate sensitivity, Rate specificity, Rate ppv, Rate npv,
        Rate recallRate, double validationSensitivity, double validationSpecificity) {
}
