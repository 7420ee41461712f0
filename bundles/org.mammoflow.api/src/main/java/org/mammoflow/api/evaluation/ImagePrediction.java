package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.Objects;

import org.mammoflow.api.image.ImageAttributes;

/**
 * One image's probability of malignancy under a model (or the average of an ensemble), calibrated
 * where the model has a calibration (else NaN), with what its file or dataset says of it.
 */
public record ImagePrediction(Path file, ImageAttributes attributes, double malignant, double calibrated) {

    public ImagePrediction {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(attributes, "attributes");
    }

    public ImagePrediction(Path file, ImageAttributes attributes, double malignant) {
        this(file, attributes, malignant, Double.NaN);
    }
}
