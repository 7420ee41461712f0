package org.mammoflow.api.image;

import java.util.List;
import java.util.Objects;

/**
 * One mammogram (one breast, one view) with its regions of interest, whose masks have the size
 * of the image.
 */
public record Mammogram(String id, String patientId, GrayImage image, List<Roi> rois) {

    public Mammogram {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(image, "image");
        rois = List.copyOf(rois);
        for (Roi roi : rois) {
            if (roi.mask().width() != image.width() || roi.mask().height() != image.height()) {
                throw new IllegalArgumentException("mammogram " + id + ": ROI mask is " + roi.mask().width() + " x "
                        + roi.mask().height() + " but the image is " + image.width() + " x " + image.height());
            }
        }
    }

    /** Whether any abnormality of this image is malignant: the whole-image label. */
    public boolean malignant() {
        return rois.stream().anyMatch(roi -> roi.pathology() == Pathology.MALIGNANT);
    }

    /** The same mammogram with another image and masks, as produced by a geometric transform. */
    public Mammogram with(GrayImage newImage, List<Roi> newRois) {
        return new Mammogram(id, patientId, newImage, newRois);
    }
}
