package org.mammoflow.api.network;

/**
 * A batch of images in NCHW float layout, with labels and per-sample loss weights for training
 * (both may be empty arrays for inference). Arrays are shared, not copied.
 */
public record Batch(int size, int channels, int height, int width, float[] pixels, int[] labels, float[] weights) {

    public Batch {
        if (pixels.length != size * channels * height * width) {
            throw new IllegalArgumentException("pixels: expected " + size * channels * height * width + " values, got "
                    + pixels.length);
        }
        if (labels.length != 0 && labels.length != size) {
            throw new IllegalArgumentException("labels: expected " + size + ", got " + labels.length);
        }
        if (weights.length != 0 && weights.length != size) {
            throw new IllegalArgumentException("weights: expected " + size + ", got " + weights.length);
        }
    }

    /** An unlabelled batch for inference. */
    public static Batch of(int size, int channels, int height, int width, float[] pixels) {
        return new Batch(size, channels, height, width, pixels, new int[0], new float[0]);
    }
}
