package org.mammoflow.api.evaluation;

import java.util.List;

/** One breast of one patient: the largest probability of malignancy over its views. */
public record BreastPrediction(String patientId, String laterality, List<String> views, double malignant) {

    public BreastPrediction {
        views = List.copyOf(views);
    }
}
