package org.mammoflow.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;
import org.mammoflow.api.image.Mask;

class PngFilesTest {

    @TempDir
    Path folder;

    private final PngFiles png = new PngFiles(config(100));

    @Test
    void sixteenBitSamplesSurviveExactly() throws IOException {
        short[] samples = new short[300 * 200];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) random.nextInt(65536);
        }
        samples[0] = 0;
        samples[1] = (short) 65535;
        samples[2] = (short) 9974; // the value Commons Imaging truncates to 5
        Path file = folder.resolve("exact.png");
        png.write(file, new GrayImage(300, 200, samples));

        GrayImage back = png.read(file);
        assertEquals(300, back.width());
        assertEquals(200, back.height());
        assertArrayEquals(samples, back.samples());
        assertEquals(9974, back.sample(2, 0));
    }

    @Test
    void eightBitIsWidenedToSixteen() throws IOException {
        BufferedImage gray8 = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray8.getRaster().setSamples(0, 0, 4, 1, 0, new int[] { 0, 1, 128, 255 });
        Path file = folder.resolve("gray8.png");
        ImageIO.write(gray8, "png", file.toFile());

        GrayImage image = png.read(file);
        assertEquals(0, image.sample(0, 0));
        assertEquals(257, image.sample(1, 0));
        assertEquals(128 * 257, image.sample(2, 0));
        assertEquals(65535, image.sample(3, 0));
    }

    @Test
    void grayPaletteIsAccepted() throws IOException {
        byte[] levels = { 0, 100, (byte) 200 };
        IndexColorModel palette = new IndexColorModel(2, 3, levels, levels, levels);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] { 0, 1, 2 });
        Path file = folder.resolve("palette.png");
        ImageIO.write(indexed, "png", file.toFile());

        GrayImage image = png.read(file);
        assertEquals(100 * 257, image.sample(1, 0));
        assertEquals(200 * 257, image.sample(2, 0));
    }

    @Test
    void colourImageIsRefused() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0xFF0000);
        Path file = folder.resolve("colour.png");
        ImageIO.write(rgb, "png", file.toFile());

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> png.read(file));
        assertMessage(e, file, "colour image");
    }

    @Test
    void missingFileIsNamed() {
        Path file = folder.resolve("absent.png");
        assertMessage(assertThrows(InvalidImageException.class, () -> png.read(file)), file, "file not found");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = Files.createFile(folder.resolve("empty.png"));
        assertMessage(assertThrows(InvalidImageException.class, () -> png.read(file)), file, "empty file");
    }

    @Test
    void nonImageIsRefused() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.png"), "patient_id,pathology\nP_1,BENIGN\n");
        assertMessage(assertThrows(InvalidImageException.class, () -> png.read(file)), file, "not a readable image");
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        Path whole = folder.resolve("whole.png");
        short[] samples = new short[256 * 256];
        Arrays.fill(samples, (short) 1234);
        for (int i = 0; i < samples.length; i += 3) {
            samples[i] = (short) (i * 31);
        }
        png.write(whole, new GrayImage(256, 256, samples));
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(folder.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));

        assertMessage(assertThrows(InvalidImageException.class, () -> png.read(file)), file, "truncated");
    }

    @Test
    void jpegIsRefusedByName() throws IOException {
        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        Path file = folder.resolve("scan.jpg");
        ImageIO.write(gray, "jpeg", file.toFile());
        assertMessage(assertThrows(InvalidImageException.class, () -> png.read(file)), file, "expected PNG");
    }

    @Test
    void oversizedImageIsRefusedBeforeDecoding() throws IOException {
        Path file = folder.resolve("huge.png");
        png.write(file, GrayImage.blank(1200, 1000));
        PngFiles strict = new PngFiles(config(1));
        assertMessage(assertThrows(InvalidImageException.class, () -> strict.read(file)), file, "oversized");
    }

    @Test
    void maskRoundTripsAndNonZeroIsInside() throws IOException {
        boolean[] inside = new boolean[6 * 4];
        inside[5] = inside[6] = inside[23] = true;
        Path file = folder.resolve("mask.png");
        png.writeMask(file, new Mask(6, 4, inside));
        assertArrayEquals(inside, png.readMask(file).inside());

        Path sixteen = folder.resolve("mask16.png");
        png.write(sixteen, new GrayImage(2, 1, new short[] { 0, 1 }));
        assertArrayEquals(new boolean[] { false, true }, png.readMask(sixteen).inside());
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = folder.resolve("image.png");
        png.write(file, GrayImage.blank(10, 10));
        png.write(file, new GrayImage(1, 1, new short[] { 42 }));
        assertEquals(42, png.read(file).sample(0, 0));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    private static void assertMessage(InvalidImageException e, Path file, String problem) {
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    static PngFiles.Config config(int megapixels) {
        return new PngFiles.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PngFiles.Config.class;
            }

            @Override
            public int maxMegapixels() {
                return megapixels;
            }
        };
    }
}
