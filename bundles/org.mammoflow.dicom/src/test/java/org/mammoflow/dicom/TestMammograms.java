package org.mammoflow.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Small MG images for presentation written with {@link DataSet}, 12 bits stored in 16, for the intake and report tests. */
final class TestMammograms {

    static final String DIGITAL_MAMMOGRAPHY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";

    private TestMammograms() {
    }

    /** A 4 x 4 image whose stored values are 0, 256, ..., 3840 (row by row), with the attributes given. */
    static Path write(Path file, String study, String laterality, String view, UnaryOperator<DataSet> more)
            throws IOException {
        ByteBuffer pixels = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            pixels.putShort((short) (i * 256));
        }
        DataSet image = new DataSet().text(DicomFile.SOP_CLASS_UID, "UI", DIGITAL_MAMMOGRAPHY_FOR_PRESENTATION)
                .text(DicomFile.SOP_INSTANCE_UID, "UI", Uids.create()).text(DicomFile.MODALITY, "CS", "MG")
                .text(DicomFile.PRESENTATION_INTENT_TYPE, "CS", "FOR PRESENTATION")
                .text(DicomFile.PATIENT_ID, "LO", "PAT-1").text(DicomFile.PATIENT_NAME, "PN", "Doe^Jane")
                .text(DicomFile.PATIENT_BIRTH_DATE, "DA", "19600101").text(DicomFile.PATIENT_SEX, "CS", "F")
                .text(DicomFile.STUDY_DATE, "DA", "20261201").text(DicomFile.STUDY_TIME, "TM", "093000")
                .text(DicomFile.ACCESSION_NUMBER, "SH", "ACC42").text(DicomFile.STUDY_ID, "SH", "7")
                .text(DicomFile.REFERRING_PHYSICIAN_NAME, "PN", "")
                .text(DicomFile.STUDY_INSTANCE_UID, "UI", study).text(DicomFile.SERIES_INSTANCE_UID, "UI", study + ".1")
                .text(DicomFile.IMAGE_LATERALITY, "CS", laterality).text(DicomFile.VIEW_POSITION, "CS", view)
                .unsignedShorts(DicomFile.SAMPLES_PER_PIXEL, 1).text(DicomFile.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .unsignedShorts(DicomFile.ROWS, 4).unsignedShorts(DicomFile.COLUMNS, 4)
                .unsignedShorts(DicomFile.BITS_ALLOCATED, 16).unsignedShorts(DicomFile.BITS_STORED, 12)
                .unsignedShorts(DicomFile.HIGH_BIT, 11).unsignedShorts(DicomFile.PIXEL_REPRESENTATION, 0)
                .bytes(0x7FE00010, "OW", pixels.array());
        more.apply(image).write(file);
        return file;
    }
}
