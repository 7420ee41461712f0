package org.mammoflow.api.image;

import java.util.Objects;

/** One annotated abnormality of a mammogram: its kind, its pathology and its outline. */
public record Roi(LesionType type, Pathology pathology, Mask mask) {

    public Roi {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pathology, "pathology");
        Objects.requireNonNull(mask, "mask");
    }
}
