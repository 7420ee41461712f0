package org.mammoflow.api.evaluation;

import java.nio.file.Path;
import java.util.Objects;

import org.mammoflow.api.image.ImageAttributes;

/** One image's probability of malignancy under a model (or the average of an ensemble), with what its file says of it. */
public record ImagePrediction(Path file, ImageAttributes attributes, double malignant) {

    public ImagePrediction {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(attributes, "attributes");
    }
}
