package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;

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

    /** The mammogram this record describes, its image and ROI masks read through {@code files}. */
    public Mammogram read(ImageFiles files) throws IOException {
        List<Roi> rois = new ArrayList<>();
        for (Abnormality abnormality : abnormalities) {
            rois.add(new Roi(abnormality.type(), abnormality.pathology(), files.readMask(abnormality.mask())));
        }
        return new Mammogram(imageId, patientId, files.read(image), rois);
    }

    public ImageRecord withSplit(Split newSplit) {
        return new ImageRecord(imageId, patientId, newSplit, image, abnormalities);
    }
}
