package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.network.Precision;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Whole-image models judged as a screening service uses them: predictions on a dataset's splits,
 * combined per breast and exam, calibrated, at operating points chosen on the validation split. What
 * {@code mammo:evaluate}, {@code mammo:calibrate} and the demo run.
 */
@ProviderType
public interface ScreeningEvaluator {

    /**
     * Checkpoints (an ensemble: their scores averaged) on a dataset.
     *
     * @param flips average each image over its four flips
     * @param views how a breast's views are combined
     * @param precision what its networks compute in (empty: the backend's inference precision)
     */
    record Model(List<Path> checkpoints, Path data, boolean flips, ViewCombination views,
            Optional<Precision> precision) {

        public Model {
            checkpoints = List.copyOf(checkpoints);
            Objects.requireNonNull(precision, "precision");
        }

        /** A model computing in the backend's inference precision. */
        public Model(List<Path> checkpoints, Path data, boolean flips, ViewCombination views) {
            this(checkpoints, data, flips, views, Optional.empty());
        }
    }

    /**
     * Evaluates the model on the test split with its stored calibration (if any) and, for each target,
     * a threshold chosen on the validation split; writes the report into {@code reportDir}.
     */
    Evaluation evaluate(Model model, List<OperatingPoint.Target> targets, Path reportDir) throws IOException;

    /**
     * Fits a calibration map on the validation split and an operating point per named target on its
     * exams, stores them beside the first checkpoint, then evaluates the calibrated model on the test
     * split into {@code reportDir}.
     */
    Evaluation calibrate(Model model, Calibration.Method method, Map<String, OperatingPoint.Target> operatingPoints,
            Path reportDir) throws IOException;
}
