package org.mammoflow.api.image;

import java.util.Objects;

/**
 * What an image file says of whom and what it shows: the patient, the breast ({@code L} or
 * {@code R}) and the view ({@code CC}, {@code MLO}, ...). Empty strings where the file does not say
 * (a PNG never does).
 */
public record ImageAttributes(String patientId, String laterality, String view) {

    public static final ImageAttributes NONE = new ImageAttributes("", "", "");

    public ImageAttributes {
        patientId = Objects.requireNonNull(patientId, "patientId").strip();
        laterality = Objects.requireNonNull(laterality, "laterality").strip();
        view = Objects.requireNonNull(view, "view").strip();
    }

    /** Whether patient and breast are both known, so that views can be combined per breast. */
    public boolean identifiesBreast() {
        return !patientId.isEmpty() && !laterality.isEmpty();
    }
}
