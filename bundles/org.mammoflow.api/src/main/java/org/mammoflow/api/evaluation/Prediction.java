package org.mammoflow.api.evaluation;

/** A model's class probabilities for one sample, with its true label. */
public record Prediction(String id, int label, float[] probabilities) {

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
