package org.mammoflow.api.evaluation;

import java.util.Objects;

import org.mammoflow.api.image.ImageAttributes;

/**
 * A model's class probabilities for one sample, with its true label and, for a mammogram, whose
 * exam, breast and view it is (so that predictions can be combined per breast and per exam).
 */
public record Prediction(String id, int label, float[] probabilities, ImageAttributes attributes) {

    public Prediction {
        Objects.requireNonNull(attributes, "attributes");
    }

    /** A sample with nothing known of its patient (a patch). */
    public Prediction(String id, int label, float[] probabilities) {
        this(id, label, probabilities, ImageAttributes.NONE);
    }

    /** The probability of class 1 (malignant) of a two-class model. */
    public double malignant() {
        return probabilities[1];
    }

    /**
     * The class with the highest probability; for two classes with a threshold, class 1 when its
     * probability is at least the threshold (NaN: the highest).
     */
    public int predicted(double threshold) {
        if (probabilities.length == 2 && !Double.isNaN(threshold)) {
            return probabilities[1] >= threshold ? 1 : 0;
        }
        return predicted();
    }

    public int predicted() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }
}
