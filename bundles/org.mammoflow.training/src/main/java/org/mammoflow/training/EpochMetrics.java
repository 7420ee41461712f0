package org.mammoflow.training;

/** What one epoch measured; validation accuracy also per class (NaN where a class has no example). */
record EpochMetrics(int stage, int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double[] classAccuracy, double imagesPerSecond, double dataWaitShare,
        double seconds) {
}
