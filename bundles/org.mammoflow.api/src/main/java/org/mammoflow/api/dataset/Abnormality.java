package org.mammoflow.api.dataset;

import java.nio.file.Path;
import java.util.Objects;

import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;

/** One annotated abnormality of an image, with the file of its ROI mask. */
public record Abnormality(LesionType type, Pathology pathology, Path mask) {

    public Abnormality {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pathology, "pathology");
        Objects.requireNonNull(mask, "mask");
    }
}
