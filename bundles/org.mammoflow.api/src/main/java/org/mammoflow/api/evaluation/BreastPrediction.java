package org.mammoflow.api.evaluation;

import java.util.List;

/**
 * One breast of one exam: its views' probabilities of malignancy combined (the setting's rule: their
 * largest or their mean), calibrated where the model has a calibration (else NaN), and how many of its
 * two standard views (CC, MLO) it lacks.
 */
public record BreastPrediction(String patientId, String exam, String laterality, List<String> views,
        int missingViews, double malignant, double calibrated) {

    public BreastPrediction {
        views = List.copyOf(views);
    }

    /** A breast of an unnamed exam, its largest view's probability, uncalibrated. */
    public BreastPrediction(String patientId, String laterality, List<String> views, double malignant) {
        this(patientId, "", laterality, views, 0, malignant, Double.NaN);
    }
}
