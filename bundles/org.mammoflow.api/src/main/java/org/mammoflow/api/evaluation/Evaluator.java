package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Computes metrics from predictions and writes a report (JSON, markdown, ROC PNG) into a folder. */
@ProviderType
public interface Evaluator {

    Evaluation evaluate(List<Prediction> predictions, Path reportDir) throws IOException;
}
