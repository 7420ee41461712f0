package org.mammoflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;

/** What real screening files need: intent, modality, VOI, laterality and character sets. */
class IntakeRulesTest {

    @TempDir
    Path folder;

    private final DicomFiles exact = new DicomFiles(DicomFilesTest.config(100));
    private final DicomFiles windowing = new DicomFiles(DicomFilesTest.config(100, false, true));

    @Test
    void imagesForProcessingAreRefusedUnlessTheSettingAcceptsThem() throws Exception {
        Path raw = TestMammograms.write(folder.resolve("raw.dcm"), "1.2.3", "L", "CC",
                d -> d.text(DicomFile.PRESENTATION_INTENT_TYPE, "CS", "FOR PROCESSING"));
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> exact.read(raw));
        assertTrue(e.getMessage().startsWith(raw + ": an image FOR PROCESSING (raw detector data"), e.getMessage());
        assertTrue(e.getMessage().contains("acceptForProcessing"), e.getMessage());
        assertEquals(4, new DicomFiles(DicomFilesTest.config(100, true, false)).read(raw).image().width());
    }

    @Test
    void otherModalitiesAreRefused() throws Exception {
        Path ct = TestMammograms.write(folder.resolve("ct.dcm"), "1.2.3", "L", "CC", d -> d.text(DicomFile.MODALITY, "CS", "CT"));
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> exact.header(ct));
        assertEquals(ct + ": Modality CT is not a mammogram (MG); Mammoflow reads mammograms only", e.getMessage());
    }

    /** PS3.3 C.11.2.1.2.1's LINEAR function, written out: stored 0..3840 through center 2048, width 2049. */
    @Test
    void theWindowIsAppliedOnlyWhenTheSettingSaysSo() throws Exception {
        Path file = TestMammograms.write(folder.resolve("window.dcm"), "1.2.3", "R", "MLO",
                d -> d.text(DicomFile.WINDOW_CENTER, "DS", "2048", "1000").text(DicomFile.WINDOW_WIDTH, "DS", "2049", "10"));
        GrayImage stored = exact.read(file).image();
        assertEquals(3840 << 4, stored.sample(3, 3), "off by default: the exact mapping");
        GrayImage windowed = windowing.read(file).image();
        for (int i = 0; i < 16; i++) {
            double x = i * 256;
            double expected = x <= 2047.5 - 1024 ? 0 : x > 2047.5 + 1024 ? 65535 : ((x - 2047.5) / 2048 + 0.5) * 65535;
            assertEquals(Math.round(expected), windowed.sample(i % 4, i / 4), "stored " + x);
        }
        assertEquals(16, windowing.header(file).bitsPerPixel(), "a windowed image spans 16 bits");
    }

    @Test
    void aVoiLutSequenceWinsOverTheWindowAndMonochrome1IsInvertedAfterIt() throws Exception {
        ByteBuffer lut = ByteBuffer.allocate(2 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4096; i++) {
            lut.putShort((short) (4095 - i)); // a 12-bit LUT that reverses
        }
        DataSet item = new DataSet().unsignedShorts(DicomFile.LUT_DESCRIPTOR, 4096, 0, 12).bytes(DicomFile.LUT_DATA, "OW", lut.array());
        Path file = TestMammograms.write(folder.resolve("lut.dcm"), "1.2.3", "R", "CC",
                d -> d.sequence(DicomFile.VOI_LUT_SEQUENCE, List.of(item)).text(DicomFile.WINDOW_CENTER, "DS", "10")
                        .text(DicomFile.WINDOW_WIDTH, "DS", "5").text(DicomFile.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME1"));
        GrayImage image = windowing.read(file).image();
        for (int i = 0; i < 16; i++) {
            long reversed = Math.round((4095 - i * 256) * 65535.0 / 4095);
            assertEquals(65535 - reversed, image.sample(i % 4, i / 4), "stored " + i * 256);
        }
    }

    @Test
    void namesAreDecodedWithTheSpecificCharacterSet() throws Exception {
        Path latin1 = TestMammograms.write(folder.resolve("latin1.dcm"), "1.2.3", "L", "CC",
                d -> d.text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                        .bytes(DicomFile.PATIENT_NAME, "PN", "Müller^Jürgen".getBytes(Charset.forName("ISO-8859-1"))));
        Path utf8 = TestMammograms.write(folder.resolve("utf8.dcm"), "1.2.3", "L", "CC",
                d -> d.text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192").text(DicomFile.PATIENT_NAME, "PN", "Ёлкина^Анна"));
        Path greek = TestMammograms.write(folder.resolve("greek.dcm"), "1.2.3", "L", "CC",
                d -> d.text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 126")
                        .bytes(DicomFile.PATIENT_NAME, "PN", "Διονυσιος".getBytes(Charset.forName("ISO-8859-7"))));
        MammographyReports reports = new MammographyReports(DicomFilesTest.config(100));
        assertEquals("Müller^Jürgen", reports.describe(latin1).study().patientName());
        assertEquals("Ёлкина^Анна", reports.describe(utf8).study().patientName());
        assertEquals("Διονυσιος", reports.describe(greek).study().patientName());
    }

    @Test
    void aPacsImageWithoutABreastIsRefusedByName() throws Exception {
        Path file = TestMammograms.write(folder.resolve("nolat.dcm"), "1.2.3", "", "CC", d -> d);
        MammographyReports reports = new MammographyReports(DicomFilesTest.config(100));
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> reports.describe(file));
        assertTrue(e.getMessage().startsWith(file + ": no breast given"), e.getMessage());
    }
}
