package org.mammoflow.api.evaluation;

/** A model's class probabilities for one sample, with its true label. */
public record Prediction(String id, int label, float[] probabilities) {

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
