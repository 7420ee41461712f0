package org.mammoflow.api.image;

import java.util.Objects;

/**
 * The DICOM identity of an image file: the Study, Series and SOP Instance UIDs that a PACS and a
 * result refer to it by. Empty strings where the file has none (a PNG never has).
 *
 * @since 1.3
 */
public record ImageIdentity(String studyUid, String seriesUid, String instanceUid) {

    public static final ImageIdentity NONE = new ImageIdentity("", "", "");

    public ImageIdentity {
        studyUid = Objects.requireNonNull(studyUid, "studyUid").strip();
        seriesUid = Objects.requireNonNull(seriesUid, "seriesUid").strip();
        instanceUid = Objects.requireNonNull(instanceUid, "instanceUid").strip();
    }
}
