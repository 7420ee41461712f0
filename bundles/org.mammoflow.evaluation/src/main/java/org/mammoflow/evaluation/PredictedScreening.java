package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.Calibrator;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.evaluation.ScreeningEvaluator;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Screening evaluation and calibration from the predictor's predictions on a dataset's splits. */
@Component
public final class PredictedScreening implements ScreeningEvaluator {

    private final Predictor predictor;
    private final Evaluator evaluator;
    private final Calibrator calibrator;

    @Activate
    public PredictedScreening(@Reference Predictor predictor, @Reference Evaluator evaluator,
            @Reference Calibrator calibrator) {
        this.predictor = predictor;
        this.evaluator = evaluator;
        this.calibrator = calibrator;
    }

    @Override
    public Evaluation evaluate(Model model, List<OperatingPoint.Target> targets, Path reportDir) throws IOException {
        List<Prediction> test = predictions(model, Split.TEST);
        List<Prediction> validation = targets.isEmpty() ? List.of() : predictions(model, Split.VALIDATION);
        return evaluator.evaluate(new ScreeningRequest(test, validation, model.views(),
                calibrator.read(model.checkpoints()), targets), reportDir);
    }

    @Override
    public Evaluation calibrate(Model model, Calibration.Method method, Map<String, OperatingPoint.Target> operatingPoints,
            Path reportDir) throws IOException {
        List<Prediction> validation = predictions(model, Split.VALIDATION);
        ModelCalibration calibration = calibrator.fit(model.checkpoints(), validation, method, model.views(),
                operatingPoints, model.data().toAbsolutePath() + " (validation split)");
        calibrator.store(model.checkpoints(), calibration);
        List<Prediction> test = predictions(model, Split.TEST);
        List<OperatingPoint.Target> targets = calibration.operatingPoints().stream().map(OperatingPoint::target).toList();
        return evaluator.evaluate(new ScreeningRequest(test, validation, model.views(), Optional.of(calibration), targets),
                reportDir);
    }

    private List<Prediction> predictions(Model model, Split split) throws IOException {
        Predictor computing = model.precision().map(predictor::computing).orElse(predictor);
        List<Prediction> predictions = computing.predict(model.checkpoints(), model.data(), split, model.flips());
        if (predictions.get(0).probabilities().length != 2) {
            throw new IllegalArgumentException(model.checkpoints().get(0) + " is not a whole-image (benign/malignant)"
                    + " checkpoint: screening figures need one (mammo:evaluate gives a patch classifier's)");
        }
        return predictions;
    }
}
