package org.mammoflow.api.image;

/**
 * A grayscale image with unsigned 16-bit samples in row-major order.
 * <p>
 * Samples are read as {@code samples[y * width + x] & 0xFFFF}. The array is shared, not copied:
 * treat it as read-only once the image is built.
 */
public record GrayImage(int width, int height, short[] samples) {

    public static final int MAX_VALUE = 0xFFFF;

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (samples.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " samples for " + width + " x " + height + ", got " + samples.length);
        }
    }

    /** A black image of the given size. */
    public static GrayImage blank(int width, int height) {
        return new GrayImage(width, height, new short[width * height]);
    }

    /** The unsigned sample at column {@code x}, row {@code y}. */
    public int sample(int x, int y) {
        return samples[y * width + x] & MAX_VALUE;
    }

    /** The sample at ({@code x}, {@code y}) scaled to [0, 1]. */
    public float intensity(int x, int y) {
        return sample(x, y) / (float) MAX_VALUE;
    }
}
