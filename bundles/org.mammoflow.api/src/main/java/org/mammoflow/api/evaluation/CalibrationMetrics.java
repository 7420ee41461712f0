package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How well the images' probabilities match their outcomes, before and after the calibration map:
 * Brier score and expected calibration error (10 equal-width bins), and the reliability diagram.
 */
public record CalibrationMetrics(String method, double brierBefore, double brierAfter, double eceBefore,
        double eceAfter, Optional<Path> diagram) {
}
