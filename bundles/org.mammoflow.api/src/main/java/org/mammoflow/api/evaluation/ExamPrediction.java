package org.mammoflow.api.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exam: the probability of its higher breast, calibrated where the model has a calibration
 * (else NaN), its images, how many of the four standard views it lacks, and the decision at each
 * stored operating point (by name: recall or not).
 */
public record ExamPrediction(String patientId, String exam, List<String> breasts, int images, int missingViews,
        double malignant, double calibrated, Map<String, Boolean> recall) {

    public ExamPrediction {
        breasts = List.copyOf(breasts);
        recall = Collections.unmodifiableMap(new LinkedHashMap<>(recall)); // in the operating points' order
    }
}
