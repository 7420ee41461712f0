package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.Calibrator;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.files.Digests;
import org.osgi.service.component.annotations.Component;

/** Platt or isotonic maps and validation-chosen operating points, stored beside the checkpoint. */
@Component
public final class ModelCalibrator implements Calibrator {

    @Override
    public ModelCalibration fit(List<Path> checkpoints, List<Prediction> validation, Calibration.Method method,
            ViewCombination views, Map<String, OperatingPoint.Target> operatingPoints, String fittedOn)
            throws IOException {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation predictions to calibrate on");
        }
        ScoredCases images = ScoredCases.images(validation);
        Calibration calibration = method == Calibration.Method.PLATT
                ? PlattScaling.fit(images.scores(), images.positive())
                : IsotonicFit.fit(images.scores(), images.positive());
        List<OperatingPoint> points = new ArrayList<>();
        if (!operatingPoints.isEmpty()) {
            ScreeningRequest request = new ScreeningRequest(validation, validation, views, Optional.empty(),
                    List.copyOf(operatingPoints.values()));
            List<OperatingPoint> chosen = ScreeningMetrics.choose(request, request.targets());
            List<String> names = List.copyOf(operatingPoints.keySet());
            for (int i = 0; i < chosen.size(); i++) {
                points.add(new OperatingPoint(names.get(i), chosen.get(i).target(), chosen.get(i).threshold()));
            }
        }
        return new ModelCalibration(digests(checkpoints), views, calibration, points, fittedOn, images.size(),
                ScoredCases.exams(validation, views).size());
    }

    @Override
    public Path store(List<Path> checkpoints, ModelCalibration calibration) throws IOException {
        // no second digest of the weights here: read() refuses a calibration whose digests are not theirs
        return CalibrationFile.write(CalibrationFile.of(checkpoints.get(0)), calibration);
    }

    @Override
    public Optional<ModelCalibration> read(List<Path> checkpoints) throws IOException {
        Path file = CalibrationFile.of(checkpoints.get(0));
        Optional<ModelCalibration> stored = CalibrationFile.read(file);
        if (stored.isPresent() && !stored.get().checkpointSha256().equals(digests(checkpoints))) {
            throw new IOException(file + " was fitted for other weights (" + stored.get().checkpointSha256().size()
                    + " checkpoint(s) of other SHA-256) than " + checkpoints + "; run mammo:calibrate "
                    + String.join(" ", checkpoints.stream().map(Path::toString).toList()) + " DATASET again");
        }
        return stored;
    }

    private static List<String> digests(List<Path> checkpoints) throws IOException {
        List<String> digests = new ArrayList<>();
        for (Path checkpoint : checkpoints) {
            digests.add(Digests.sha256(checkpoint));
        }
        return digests;
    }
}
