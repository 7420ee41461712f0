package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;

/**
 * One mammogram of a dataset: its file, its patient, its split, its abnormalities, its exam, breast
 * and view where the dataset says them ({@code attributes}, whose patient is always this record's),
 * and its pathology where the dataset gives one for the image as a whole, without ROI masks
 * ({@code imagePathology}: exam lists with breast-level labels).
 */
public record ImageRecord(String imageId, String patientId, Split split, Path image, List<Abnormality> abnormalities,
        ImageAttributes attributes, Optional<Pathology> imagePathology) {

    public ImageRecord {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(image, "image");
        abnormalities = List.copyOf(abnormalities);
        ImageAttributes a = Objects.requireNonNull(attributes, "attributes");
        attributes = new ImageAttributes(patientId, a.exam(), a.laterality(), a.view());
        Objects.requireNonNull(imagePathology, "imagePathology");
    }

    /** A record whose pathology comes from its abnormalities alone. */
    public ImageRecord(String imageId, String patientId, Split split, Path image, List<Abnormality> abnormalities,
            ImageAttributes attributes) {
        this(imageId, patientId, split, image, abnormalities, attributes, Optional.empty());
    }

    /** A record whose dataset names no exam, breast or view. */
    public ImageRecord(String imageId, String patientId, Split split, Path image, List<Abnormality> abnormalities) {
        this(imageId, patientId, split, image, abnormalities, ImageAttributes.NONE);
    }

    /** The whole-image label: malignant when any abnormality is, or the image's own pathology. */
    public boolean malignant() {
        return abnormalities.stream().anyMatch(a -> a.pathology() == Pathology.MALIGNANT)
                || imagePathology.filter(p -> p == Pathology.MALIGNANT).isPresent();
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
        return new ImageRecord(imageId, patientId, newSplit, image, abnormalities, attributes, imagePathology);
    }
}
