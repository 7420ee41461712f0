package org.mammoflow.api.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * What {@code mammo:calibrate} stores for a checkpoint (or an ensemble, its averaged score): the
 * calibration map, the named operating points, how views were combined when they were chosen, the
 * checkpoints' SHA-256 it belongs to, and what it was fitted on.
 */
public record ModelCalibration(List<String> checkpointSha256, ViewCombination views, Calibration calibration,
        List<OperatingPoint> operatingPoints, String fittedOn, int images, int exams) {

    public ModelCalibration {
        checkpointSha256 = List.copyOf(checkpointSha256);
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(calibration, "calibration");
        operatingPoints = List.copyOf(operatingPoints);
        Objects.requireNonNull(fittedOn, "fittedOn");
    }
}
