package org.mammoflow.api.dataset;

/**
 * How an import assigns splits it is not given: the share of training patients moved to
 * validation (stratified by malignancy, whole patients only) and the seed of that draw.
 */
public record ImportOptions(double validationFraction, long seed) {

    public ImportOptions {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** The paper's split: 10% of the training patients for validation. */
    public static ImportOptions defaults() {
        return new ImportOptions(0.1, 42);
    }
}
