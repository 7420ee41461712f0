package org.mammoflow.api.image;

/**
 * A binary mask (for example the outline of one region of interest) in row-major order.
 * The array is shared, not copied: treat it as read-only once the mask is built.
 */
public record Mask(int width, int height, boolean[] inside) {

    public Mask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive: " + width + " x " + height);
        }
        if (inside.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " pixels for " + width + " x " + height + ", got " + inside.length);
        }
    }

    public boolean contains(int x, int y) {
        return inside[y * width + x];
    }

    /** Number of pixels inside the mask. */
    public int area() {
        int area = 0;
        for (boolean in : inside) {
            if (in) {
                area++;
            }
        }
        return area;
    }
}
