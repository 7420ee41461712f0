package org.mammoflow.api.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.mammoflow.api.image.Pathology;

/** One mammogram of a dataset: its file, its patient, its split and its abnormalities. */
public record ImageRecord(String imageId, String patientId, Split split, Path image, List<Abnormality> abnormalities) {

    public ImageRecord {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(image, "image");
        abnormalities = List.copyOf(abnormalities);
    }

    /** The whole-image label: malignant when any abnormality is. */
    public boolean malignant() {
        return abnormalities.stream().anyMatch(a -> a.pathology() == Pathology.MALIGNANT);
    }

    public ImageRecord withSplit(Split newSplit) {
        return new ImageRecord(imageId, patientId, newSplit, image, abnormalities);
    }
}
