package org.mammoflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageIdentity;
import org.mammoflow.api.image.ImageHeader;
import org.mammoflow.api.image.InvalidImageException;
import org.mammoflow.api.image.ScannedImage;

/**
 * Every fixture that src/test/make_fixtures.py made with pydicom and dcmtk, read and compared pixel
 * for pixel with pydicom's stored values mapped as {@link PixelModule#gray} documents.
 */
class DicomFilesTest {

    private final DicomFiles dicom = new DicomFiles(config(100));

    @ParameterizedTest
    @ValueSource(strings = {"explicit-le-16", "implicit-le-12", "explicit-le-12-signed", "explicit-be-12-signed",
            "monochrome1-8-odd", "bare-implicit", "deflated-16", "rle-12", "rle-8", "jpeg-lossless-14-16",
            "jpeg-lossless-sv1-12"})
    void everySupportedEncodingGivesPydicomsValuesMappedExactly(String name) throws Exception {
        Path file = fixture(name + ".dcm");
        GrayImage image = dicom.read(file).image();
        List<String> expected = Files.readAllLines(fixture(name + ".expected"), StandardCharsets.US_ASCII);
        String[] header = expected.get(0).split(" ");
        int width = Integer.parseInt(header[0]);
        int height = Integer.parseInt(header[1]);
        int bits = Integer.parseInt(header[2]);
        boolean signed = header[3].equals("1");
        boolean inverted = header[4].equals("1");
        assertEquals(width, image.width(), "width");
        assertEquals(height, image.height(), "height");
        for (int y = 0; y < height; y++) {
            String[] row = expected.get(1 + y).split(" ");
            for (int x = 0; x < width; x++) {
                int stored = Integer.parseInt(row[x]);
                assertEquals(mapped(stored, bits, signed, inverted), image.sample(x, y),
                        name + " at (" + x + ", " + y + "), stored value " + stored);
            }
        }
        ImageHeader cheap = dicom.header(file);
        assertEquals(new ImageHeader(width, height, bits, true), cheap);
    }

    /** The mapping as docs/guide.md documents it, written out independently of the reader's bit tricks. */
    private static int mapped(int stored, int bits, boolean signed, boolean inverted) {
        long v = signed ? stored + (1L << (bits - 1)) : stored;
        if (inverted) {
            v = (1L << bits) - 1 - v;
        }
        return (int) (v * (1L << (16 - bits)));
    }

    @Test
    void extremesReachBlackAndNearWhite() throws Exception {
        GrayImage sixteen = dicom.read(fixture("explicit-le-16.dcm")).image();
        assertEquals(0, sixteen.sample(0, 0));
        assertEquals(0xFFFF, sixteen.sample(sixteen.width() - 1, sixteen.height() - 1));
        GrayImage signed = dicom.read(fixture("explicit-le-12-signed.dcm")).image();
        assertEquals(0, signed.sample(0, 0), "the most negative value is black");
        assertEquals(0xFFF0, signed.sample(signed.width() - 1, signed.height() - 1), "4095 << 4");
        GrayImage inverted = dicom.read(fixture("monochrome1-8-odd.dcm")).image();
        assertEquals(0xFF00, inverted.sample(0, 0), "MONOCHROME1: stored 0 is white");
    }

    @Test
    void patientLateralityAndViewAreRead() throws Exception {
        ScannedImage scanned = dicom.read(fixture("explicit-le-16.dcm"));
        assertEquals(new ImageAttributes("P_00001", "L", "CC"), scanned.attributes(),
                "CBIS-DDSM's PatientID is the series name Mass-Training_P_00001_LEFT_CC");
        assertEquals(scanned.attributes(), dicom.attributes(fixture("jpeg-lossless-14-16.dcm")));
        assertEquals(scanned.attributes(), dicom.attributes(fixture("bare-implicit.dcm")));
    }

    @Test
    void theSopInstanceUidNamesTheImage() throws Exception {
        ImageIdentity identity = dicom.identity(fixture("explicit-le-16.dcm"));
        assertEquals("1.2.826.0.1.3680043.8.498.46171085930704373310743219022990342216", identity.instanceUid());
        assertEquals(identity, dicom.identity(fixture("explicit-le-16.dcm")), "read again, the same");
    }

    @Test
    void filesThatCannotBeUsedAreRefusedWithTheirReason() throws Exception {
        assertRefused("refused-multiframe.dcm", "multi-frame files are not supported (Number of Frames 2)");
        assertRefused("refused-rgb.dcm", "colour images are not supported (Samples per Pixel 3, Photometric Interpretation RGB)");
        assertRefused("refused-jpeg-baseline.dcm", "unsupported transfer syntax JPEG Baseline (process 1) (1.2.840.10008.1.2.4.50)");
        assertRefused("refused-not-dicom.dcm", "not a DICOM file");
        assertRefused("refused-truncated.dcm", "truncated pixel data");
    }

    @Test
    void acceptsDicomByNameOrByMarkerAndNothingElse(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Path unnamed = folder.resolve("IM000001");
        Files.copy(fixture("explicit-le-16.dcm"), unnamed);
        Path bare = folder.resolve("bare");
        Files.copy(fixture("bare-implicit.dcm"), bare);
        Path png = folder.resolve("image.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        assertTrue(dicom.accepts(unnamed), "the DICM marker");
        assertTrue(dicom.accepts(bare), "a bare data set");
        assertTrue(dicom.accepts(fixture("refused-not-dicom.dcm")), "the name, so that the error says why");
        assertEquals(false, dicom.accepts(png));
        assertEquals(31, dicom.read(unnamed).image().width());
    }

    @Test
    void oversizedImagesAreRefusedBeforeDecodingAndTheLimitIsChecked() throws Exception {
        DicomFiles oneMegapixel = new DicomFiles(config(1));
        Path file = fixture("refused-oversized.dcm");
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> oneMegapixel.header(file));
        assertTrue(e.getMessage().contains("oversized: 1100 x 1000 is more than the limit of 1 megapixels"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DicomFiles(config(0)));
        assertThrows(IllegalArgumentException.class, () -> new DicomFiles(config(1001)));
    }

    /** A deflated data set that inflates far past what an image of the limit holds (a "zip bomb"): refused while inflating. */
    @Test
    void aDeflatedDataSetIsRefusedOnceItInflatesPastTheLimit(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        byte[] uid = "1.2.840.10008.1.2.1.99".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(new byte[128]);
        file.write("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.write(new byte[] {2, 0, 0x10, 0, 'U', 'I', (byte) uid.length, 0}); // (0002,0010) UI, little endian
        file.write(uid);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        try (var deflated = new java.util.zip.DeflaterOutputStream(file, deflater)) {
            deflated.write(new byte[80 << 20]); // 80 MiB of zeros: the limit for 1 megapixel is 2 MB + 64 MiB
        }
        deflater.end();
        Path bomb = java.nio.file.Files.write(folder.resolve("bomb.dcm"), file.toByteArray());
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> new DicomFiles(config(1)).header(bomb));
        assertTrue(e.getMessage().startsWith(bomb + ": oversized: the deflated data set inflates to more than"),
                e.getMessage());
    }

    private void assertRefused(String name, String reason) throws URISyntaxException {
        Path file = fixture(name);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> dicom.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(file, e.file());
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(DicomFilesTest.class.getResource("/dicom/" + name).toURI());
    }

    static DicomFiles.Config config(int megapixels) {
        return config(megapixels, false, false);
    }

    static DicomFiles.Config config(int megapixels, boolean acceptForProcessing, boolean applyVoiLut) {
        return new DicomFiles.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DicomFiles.Config.class;
            }

            @Override
            public int maxMegapixels() {
                return megapixels;
            }

            @Override
            public boolean acceptForProcessing() {
                return acceptForProcessing;
            }

            @Override
            public boolean applyVoiLut() {
                return applyVoiLut;
            }
        };
    }
}
