package org.mammoflow.api.image;

import java.util.Locale;
import java.util.Objects;

/**
 * What is known of whom and what an image shows: the patient, the exam (a DICOM study, or a
 * dataset's exam column), the breast ({@code L} or {@code R}) and the view ({@code CC}, {@code MLO},
 * ...). Empty strings where nothing says (a PNG never does). {@code LEFT}/{@code RIGHT} are read as
 * {@code L}/{@code R}.
 */
public record ImageAttributes(String patientId, String exam, String laterality, String view) {

    public static final ImageAttributes NONE = new ImageAttributes("", "", "", "");

    public ImageAttributes {
        patientId = Objects.requireNonNull(patientId, "patientId").strip();
        exam = Objects.requireNonNull(exam, "exam").strip();
        laterality = breast(Objects.requireNonNull(laterality, "laterality"));
        view = Objects.requireNonNull(view, "view").strip().toUpperCase(Locale.ROOT);
    }

    /** Patient, breast and view, the exam unknown. */
    public ImageAttributes(String patientId, String laterality, String view) {
        this(patientId, "", laterality, view);
    }

    /** Whether patient and breast are both known, so that views can be combined per breast. */
    public boolean identifiesBreast() {
        return !patientId.isEmpty() && !laterality.isEmpty();
    }

    /**
     * The exam this image belongs to, as a key: its exam where known, else its patient's (one exam per
     * patient, as in CBIS-DDSM); empty when neither is known.
     */
    public String examKey() {
        return exam.isEmpty() ? patientId : patientId + "/" + exam;
    }

    private static String breast(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "LEFT" -> "L";
            case "RIGHT" -> "R";
            default -> v;
        };
    }
}
