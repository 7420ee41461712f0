package org.mammoflow.spark;

import java.io.Serializable;

import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageIdentity;

/**
 * One image to score and what is known of it: from a manifest's row, or (for files found in folders)
 * from the file's own header, read by an executor, with its DICOM UIDs where it has them.
 * {@code explicit} files were named by the user, so one that is no image is reported; a file found in
 * a folder that is no image is passed over, as {@code mammo:predict} does. {@code error} says why the
 * image cannot be scored, or is empty.
 */
record ImageTask(String file, String patient, String exam, String laterality, String view, String studyUid,
        String seriesUid, String instanceUid, boolean explicit, String error) implements Serializable {

    static ImageTask named(String file, boolean explicit) {
        return new ImageTask(file, "", "", "", "", "", "", "", explicit, "");
    }

    static ImageTask listed(String file, String patient, String exam, String laterality, String view) {
        return new ImageTask(file, patient, exam, laterality, view, "", "", "", true, "");
    }

    /** Whether a manifest said whose image this is, so that the file need not say it. */
    boolean described() {
        return !patient.isEmpty() || !exam.isEmpty();
    }

    /**
     * The exam the image belongs to: the manifest's, else its DICOM study, else the patient's (one exam
     * per patient in a folder of PNGs), else the image alone.
     */
    String examKey() {
        if (!exam.isEmpty()) {
            return patient + "\u0000" + exam;
        }
        return patient.isEmpty() ? "\u0001" + file : patient;
    }

    /** What the file says of itself, where the manifest did not say it. */
    ImageTask with(ImageAttributes attributes, ImageIdentity identity) {
        boolean fromFile = !described();
        String study = identity.studyUid();
        return new ImageTask(file, fromFile ? attributes.patientId() : patient,
                !exam.isEmpty() ? exam : !study.isEmpty() ? study : fromFile ? attributes.patientId() : patient,
                fromFile ? attributes.laterality() : laterality, fromFile ? attributes.view() : view, study,
                identity.seriesUid(), identity.instanceUid(), explicit, error);
    }

    ImageTask failed(String why) {
        return new ImageTask(file, patient, exam, laterality, view, studyUid, seriesUid, instanceUid, explicit, why);
    }
}
