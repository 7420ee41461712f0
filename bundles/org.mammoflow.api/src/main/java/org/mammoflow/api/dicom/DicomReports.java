package org.mammoflow.api.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Mammoflow's DICOM in and out for a PACS: what an image file says of its study and itself, checked
 * against the intake rules, and a screening result written as a Structured Report for the same study.
 */
@ProviderType
public interface DicomReports {

    /** The series description of every report Mammoflow writes: how a PACS query finds them. */
    String REPORT_SERIES_DESCRIPTION = "Mammoflow screening report";

    /**
     * The file's identity and study, without decoding pixels.
     *
     * @throws org.mammoflow.api.image.InvalidImageException naming the file and why it cannot be used:
     *         not DICOM, not a mammogram (Modality), for processing, no breast given
     */
    DicomImage describe(Path file) throws IOException;

    /**
     * Writes the report as a Comprehensive SR (Explicit VR Little Endian) in a new series of the
     * report's study, marked not for clinical use.
     */
    StoredReport write(ScreeningReport report, Path file) throws IOException;

    /**
     * Writes each heatmap picture (an RGB PNG, {@code Predictor.heatmap}'s) as a Secondary Capture image
     * derived from its mammogram, all in one new series of their study, into {@code folder}.
     */
    List<StoredReport> writeHeatmaps(List<DicomImage> sources, List<Path> pictures, ModelIdentity model, Path folder)
            throws IOException;
}
