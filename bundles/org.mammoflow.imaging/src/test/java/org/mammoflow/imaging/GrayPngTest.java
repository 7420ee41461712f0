package org.mammoflow.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;

/** GrayPng against javax.imageio, both ways: each reads exactly what the other wrote. */
class GrayPngTest {

    @TempDir
    Path folder;

    /** Noise on a gradient: javax.imageio's adaptive filtering then uses every filter type. */
    private static short[] texture(int width, int height, int bits, long seed) {
        Random random = new Random(seed);
        short[] samples = new short[width * height];
        int max = (1 << bits) - 1;
        for (int i = 0; i < samples.length; i++) {
            int value = (i % width) * max / width / 2 + random.nextInt(max / 2);
            samples[i] = (short) (random.nextInt(10) == 0 ? random.nextInt(max + 1) : value);
        }
        return samples;
    }

    @Test
    void readsSixteenBitFilesThatImageIoWroteExactly() throws Exception {
        short[] samples = texture(321, 203, 16, 1);
        BufferedImage image = new BufferedImage(321, 203, BufferedImage.TYPE_USHORT_GRAY);
        System.arraycopy(samples, 0, ((DataBufferUShort) image.getRaster().getDataBuffer()).getData(), 0, samples.length);
        Path file = folder.resolve("imageio16.png");
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        GrayImage read = GrayPng.read(file, Long.MAX_VALUE);
        assertEquals(321, read.width());
        assertEquals(203, read.height());
        assertArrayEquals(samples, read.samples());
    }

    @Test
    void readsEightBitFilesWidenedAsImageIoReadsThem() throws Exception {
        short[] values = texture(97, 61, 8, 2);
        BufferedImage image = new BufferedImage(97, 61, BufferedImage.TYPE_BYTE_GRAY);
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) values[i];
        }
        Path file = folder.resolve("imageio8.png");
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        short[] read = GrayPng.read(file, Long.MAX_VALUE).samples();
        for (int i = 0; i < bytes.length; i++) {
            assertEquals((bytes[i] & 0xFF) * 257, read[i] & 0xFFFF);
        }
    }

    @Test
    void filesItWritesAreReadByImageIoExactly() throws Exception {
        GrayImage image = new GrayImage(250, 130, texture(250, 130, 16, 3));
        Path file = written("gray16.png", image);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, read.getType());
        assertArrayEquals(image.samples(), ((DataBufferUShort) read.getRaster().getDataBuffer()).getData());

        boolean[] inside = new boolean[40 * 30];
        for (int i = 0; i < inside.length; i += 3) {
            inside[i] = true;
        }
        Path mask = folder.resolve("mask.png");
        try (OutputStream out = Files.newOutputStream(mask)) {
            GrayPng.write8(out, 40, 30, inside);
        }
        byte[] bytes = ((DataBufferByte) ImageIO.read(mask.toFile()).getRaster().getDataBuffer()).getData();
        for (int i = 0; i < inside.length; i++) {
            assertEquals(inside[i] ? 255 : 0, bytes[i] & 0xFF);
        }
    }

    @Test
    void otherKindsOfPngAreLeftToImageIo() throws Exception {
        Path colour = folder.resolve("rgb.png");
        assertTrue(ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", colour.toFile()));
        assertNull(GrayPng.read(colour, Long.MAX_VALUE));
        Path text = Files.writeString(folder.resolve("text.png"), "not a PNG at all");
        assertNull(GrayPng.read(text, Long.MAX_VALUE));
    }

    @Test
    void truncatedImageDataIsNamed() throws Exception {
        Path file = written("whole.png", new GrayImage(200, 200, texture(200, 200, 16, 4)));
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(folder.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidImageException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidImageException.class,
                () -> GrayPng.read(cut, Long.MAX_VALUE));
        assertEquals(cut, e.file());
        assertTrue(e.getMessage().contains("corrupt or truncated PNG data"), e.getMessage());
    }

    private Path written(String name, GrayImage image) throws Exception {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            GrayPng.write16(out, image);
        }
        return file;
    }
}
