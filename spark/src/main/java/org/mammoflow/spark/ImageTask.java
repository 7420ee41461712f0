package org.mammoflow.spark;

import java.io.Serializable;

/**
 * One image to score and what is known of it: from a manifest's row, or (for files found in folders)
 * from the file's own header, read by an executor. {@code explicit} files were named by the user, so
 * one that is no image is reported; a file found in a folder that is no image is passed over, as
 * {@code mammo:predict} does. {@code error} says why the image cannot be scored, or is empty.
 */
record ImageTask(String file, String patient, String exam, String laterality, String view, boolean explicit,
        String error) implements Serializable {

    static ImageTask named(String file, boolean explicit) {
        return new ImageTask(file, "", "", "", "", explicit, "");
    }

    /** Whether a manifest said whose image this is, so that the file's header need not be read. */
    boolean described() {
        return !patient.isEmpty() || !exam.isEmpty();
    }

    /**
     * The exam the image belongs to: the manifest's, else the patient's (one screening exam per
     * patient in a folder tree), else the image alone.
     */
    String examKey() {
        if (!exam.isEmpty()) {
            return patient + "\u0000" + exam;
        }
        return patient.isEmpty() ? "\u0001" + file : patient;
    }

    ImageTask withAttributes(String patient, String laterality, String view) {
        return new ImageTask(file, patient, exam.isEmpty() ? patient : exam, laterality, view, explicit, error);
    }

    ImageTask failed(String why) {
        return new ImageTask(file, patient, exam, laterality, view, explicit, why);
    }
}
