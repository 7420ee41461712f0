package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fits calibration maps and operating points on validation predictions and keeps them beside the
 * checkpoint they belong to ({@code NAME.calibration.json} beside {@code NAME.npz}, naming the SHA-256
 * of every checkpoint of the ensemble, so that a retrained or another set of weights is never read
 * with it).
 */
@ProviderType
public interface Calibrator {

    /**
     * A calibration of these checkpoints' (averaged) scores fitted on the validation images, with an
     * operating point per named target chosen on the validation exams (views combined as given).
     */
    ModelCalibration fit(List<Path> checkpoints, List<Prediction> validation, Calibration.Method method,
            ViewCombination views, Map<String, OperatingPoint.Target> operatingPoints, String fittedOn)
            throws IOException;

    /** Stores a calibration beside the first checkpoint; returns the file. */
    Path store(List<Path> checkpoints, ModelCalibration calibration) throws IOException;

    /**
     * The calibration stored for exactly these checkpoints, or empty when there is none; an error
     * naming the file when one is stored for other weights or cannot be read.
     */
    Optional<ModelCalibration> read(List<Path> checkpoints) throws IOException;
}
