package org.mammoflow.api.dicom;

import java.nio.file.Path;

/** A Structured Report written as a DICOM Part 10 file, and the UIDs it was given. */
public record StoredReport(Path file, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
}
