package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Computes metrics from predictions and writes a report (JSON, markdown, pictures) into a folder. */
@ProviderType
public interface Evaluator {

    Evaluation evaluate(List<Prediction> predictions, Path reportDir) throws IOException;

    /**
     * As {@link #evaluate(List, Path)} on the test predictions, and as a screening service reads them:
     * AUROC and AUPRC per image, breast and exam; with a calibration, Brier score, expected calibration
     * error and a reliability diagram before and after it; at each operating point asked for,
     * sensitivity, specificity, PPV, NPV and recall rate on the test exams, and the rule-out table.
     */
    Evaluation evaluate(ScreeningRequest request, Path reportDir) throws IOException;
}
