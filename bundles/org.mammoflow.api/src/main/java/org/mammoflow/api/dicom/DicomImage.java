package org.mammoflow.api.dicom;

import java.nio.file.Path;
import java.util.Objects;

import org.mammoflow.api.image.ImageAttributes;

/**
 * A DICOM image file that passed Mammoflow's intake rules: its SOP class and instance, its series and
 * study, and its patient, breast and view.
 */
public record DicomImage(Path file, String sopClassUid, String sopInstanceUid, String seriesInstanceUid,
        DicomStudy study, ImageAttributes attributes) {

    public DicomImage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(attributes, "attributes");
    }
}
