package org.mammoflow.api.dicom;

import java.util.Objects;

/**
 * The patient and study attributes of an image, decoded with its Specific Character Set, that a
 * result stored in the same study repeats. Empty strings where the image has none.
 */
public record DicomStudy(String studyInstanceUid, String patientName, String patientId, String patientBirthDate,
        String patientSex, String studyDate, String studyTime, String studyId, String accessionNumber,
        String referringPhysicianName) {

    public DicomStudy {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(patientName, "patientName");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(patientBirthDate, "patientBirthDate");
        Objects.requireNonNull(patientSex, "patientSex");
        Objects.requireNonNull(studyDate, "studyDate");
        Objects.requireNonNull(studyTime, "studyTime");
        Objects.requireNonNull(studyId, "studyId");
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(referringPhysicianName, "referringPhysicianName");
    }
}
