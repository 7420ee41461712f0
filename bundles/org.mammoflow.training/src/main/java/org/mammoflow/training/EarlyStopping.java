package org.mammoflow.training;

import java.util.List;

/** A stage ends when {@code patience} epochs have passed without a lower validation loss (0: never). */
record EarlyStopping(int patience) {

    boolean stalled(List<EpochMetrics> history, int stage) {
        if (patience <= 0) {
            return false;
        }
        List<EpochMetrics> epochs = history.stream().filter(m -> m.stage() == stage).toList();
        int bestAt = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).validationLoss() < best) {
                best = epochs.get(i).validationLoss();
                bestAt = i;
            }
        }
        return bestAt >= 0 && epochs.size() - 1 - bestAt >= patience;
    }
}
