package org.mammoflow.api.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A screening evaluation of a whole-image model: its test predictions (with each image's patient,
 * exam, breast and view), its validation predictions where operating points are to be chosen on
 * them, how views are combined, the model's calibration if it has one, and the operating points asked
 * for (chosen on the validation exams, applied to the test exams).
 */
public record ScreeningRequest(List<Prediction> test, List<Prediction> validation, ViewCombination views,
        Optional<ModelCalibration> calibration, List<OperatingPoint.Target> targets) {

    public ScreeningRequest {
        test = List.copyOf(test);
        validation = List.copyOf(validation);
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(calibration, "calibration");
        targets = List.copyOf(targets);
        if (!targets.isEmpty() && validation.isEmpty()) {
            throw new IllegalArgumentException("operating points are chosen on validation predictions: none given");
        }
    }
}
