package org.mammoflow.dicom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.imageio.ImageIO;

import org.mammoflow.api.dicom.DicomImage;
import org.mammoflow.api.dicom.DicomStudy;
import org.mammoflow.api.dicom.ModelIdentity;
import org.mammoflow.api.image.InvalidImageException;

/**
 * A heatmap picture (an RGB PNG) as a Secondary Capture image (SOP class 1.2.840.10008.5.1.4.1.1.7)
 * in the study of the mammogram it was computed on: derived from it (Source Image Sequence), same
 * patient, study and laterality, marked not for clinical use.
 */
final class HeatmapDocument {

    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String SERIES_NUMBER = "9002";
    static final String SERIES_DESCRIPTION = "Mammoflow heatmap (not for clinical use)";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private HeatmapDocument() {
    }

    static DataSet of(DicomImage source, Path picture, ModelIdentity model, String seriesUid, String instanceUid,
            int instanceNumber, LocalDateTime now) throws IOException {
        BufferedImage image = ImageIO.read(picture.toFile());
        if (image == null) {
            throw new InvalidImageException(picture, "not an image javax.imageio reads");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        int at = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = image.getRGB(x, y);
                rgb[at++] = (byte) (pixel >> 16);
                rgb[at++] = (byte) (pixel >> 8);
                rgb[at++] = (byte) pixel;
            }
        }
        DicomStudy study = source.study();
        return new DataSet()
                .text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .text(0x00080008, "CS", "DERIVED", "SECONDARY")
                .text(0x00080012, "DA", DATE.format(now)).text(0x00080013, "TM", TIME.format(now))
                .text(DicomFile.SOP_CLASS_UID, "UI", SECONDARY_CAPTURE).text(DicomFile.SOP_INSTANCE_UID, "UI", instanceUid)
                .text(DicomFile.STUDY_DATE, "DA", study.studyDate()).text(0x00080023, "DA", DATE.format(now))
                .text(DicomFile.STUDY_TIME, "TM", study.studyTime()).text(0x00080033, "TM", TIME.format(now))
                .text(DicomFile.ACCESSION_NUMBER, "SH", study.accessionNumber()).text(DicomFile.MODALITY, "CS", "OT")
                .text(0x00080064, "CS", "WSD").text(0x00080070, "LO", model.software())
                .text(DicomFile.REFERRING_PHYSICIAN_NAME, "PN", study.referringPhysicianName())
                .text(0x0008103E, "LO", SERIES_DESCRIPTION)
                .sequence(0x00082112, List.of(new DataSet()
                        .text(ContentItem.REFERENCED_SOP_CLASS_UID, "UI", source.sopClassUid())
                        .text(ContentItem.REFERENCED_SOP_INSTANCE_UID, "UI", source.sopInstanceUid())))
                .text(DicomFile.PATIENT_NAME, "PN", study.patientName()).text(DicomFile.PATIENT_ID, "LO", study.patientId())
                .text(DicomFile.PATIENT_BIRTH_DATE, "DA", study.patientBirthDate())
                .text(DicomFile.PATIENT_SEX, "CS", study.patientSex())
                .text(0x00181020, "LO", model.software() + " " + model.version())
                .text(DicomFile.STUDY_INSTANCE_UID, "UI", study.studyInstanceUid())
                .text(DicomFile.SERIES_INSTANCE_UID, "UI", seriesUid).text(DicomFile.STUDY_ID, "SH", study.studyId())
                .text(0x00200011, "IS", SERIES_NUMBER).text(0x00200013, "IS", Integer.toString(instanceNumber))
                .text(0x00200020, "CS", "")
                .text(DicomFile.LATERALITY, "CS", source.attributes().laterality())
                .text(0x00204000, "LT", "NOT FOR CLINICAL USE. Mammoflow's patch classifier slid over the preprocessed"
                        + " mammogram " + source.sopInstanceUid() + "; colour: the probability of a lesion; patch classifier"
                        + " SHA-256 " + String.join(", ", model.checkpointSha256()))
                .unsignedShorts(DicomFile.SAMPLES_PER_PIXEL, 3).text(DicomFile.PHOTOMETRIC_INTERPRETATION, "CS", "RGB")
                .unsignedShorts(0x00280006, 0)
                .unsignedShorts(DicomFile.ROWS, height).unsignedShorts(DicomFile.COLUMNS, width)
                .unsignedShorts(DicomFile.BITS_ALLOCATED, 8).unsignedShorts(DicomFile.BITS_STORED, 8)
                .unsignedShorts(DicomFile.HIGH_BIT, 7).unsignedShorts(DicomFile.PIXEL_REPRESENTATION, 0)
                .text(0x00280301, "CS", "NO")
                .bytes(0x7FE00010, "OB", rgb);
    }
}
