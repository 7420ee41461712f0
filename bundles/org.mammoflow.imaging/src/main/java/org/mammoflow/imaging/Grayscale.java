package org.mammoflow.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.nio.file.Path;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;

/** Turns a decoded image into 16-bit grayscale: exact for 16-bit, widened for lower depths. */
final class Grayscale {

    private Grayscale() {
    }

    static GrayImage of(Path file, BufferedImage decoded, int bitsPerPixel) throws InvalidImageException {
        Raster raster = decoded.getRaster();
        int width = raster.getWidth();
        int height = raster.getHeight();
        if (decoded.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            return new GrayImage(width, height, copyUShort(raster, width, height));
        }
        int colourBands = decoded.getColorModel().getNumColorComponents();
        int depth = decoded.getColorModel().getComponentSize(0);
        if (colourBands == 1) {
            return new GrayImage(width, height, widen(raster.getSamples(0, 0, width, height, 0, (int[]) null), depth));
        }
        return fromColour(file, decoded, width, height, bitsPerPixel);
    }

    private static short[] copyUShort(Raster raster, int width, int height) {
        DataBufferUShort buffer = (DataBufferUShort) raster.getDataBuffer();
        short[] samples = new short[width * height];
        if (buffer.getData().length == samples.length && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            System.arraycopy(buffer.getData(), 0, samples, 0, samples.length);
            return samples;
        }
        int[] values = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) values[i];
        }
        return samples;
    }

    /** Scales samples of {@code depth} bits to the full 16-bit range (8-bit v becomes v * 257). */
    private static short[] widen(int[] values, int depth) {
        int max = (1 << depth) - 1;
        short[] samples = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            samples[i] = (short) ((values[i] * 65535L + max / 2) / max);
        }
        return samples;
    }

    /**
     * Palette or RGB files are accepted when every pixel is gray (R = G = B), as some converters
     * write them; a truly coloured image is not a mammogram.
     */
    private static GrayImage fromColour(Path file, BufferedImage decoded, int width, int height, int bitsPerPixel)
            throws InvalidImageException {
        int[] rgb = decoded.getRGB(0, 0, width, height, null, 0, width);
        int[] gray = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            if (r != g || g != b) {
                throw new InvalidImageException(file, "colour image (" + bitsPerPixel + " bits per pixel, pixel "
                        + (i % width) + "," + (i / width) + " is not gray); mammograms must be grayscale");
            }
            gray[i] = r;
        }
        return new GrayImage(width, height, widen(gray, 8));
    }
}
