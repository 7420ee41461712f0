package org.mammoflow.api.pacs;

import java.io.IOException;

/** A study that cannot be answered, and why: no mammogram, only images for processing, no breast given. */
public class StudyRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String studyInstanceUid;

    public StudyRefusedException(String studyInstanceUid, String reason) {
        super("study " + studyInstanceUid + ": " + reason);
        this.studyInstanceUid = studyInstanceUid;
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }
}
