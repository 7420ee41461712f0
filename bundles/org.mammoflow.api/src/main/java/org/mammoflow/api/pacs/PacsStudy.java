package org.mammoflow.api.pacs;

import java.util.Objects;

/** A study a PACS lists (QIDO-RS): its UID, patient, date (YYYYMMDD, may be empty) and modalities. */
public record PacsStudy(String studyInstanceUid, String patientId, String studyDate, String modalities) {

    public PacsStudy {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(studyDate, "studyDate");
        Objects.requireNonNull(modalities, "modalities");
    }
}
