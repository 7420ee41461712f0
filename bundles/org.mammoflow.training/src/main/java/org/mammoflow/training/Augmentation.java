package org.mammoflow.training;

import java.util.random.RandomGenerator;

import org.mammoflow.inference.input.Pixels;

/**
 * The paper's augmentation, drawn afresh per image: horizontal and vertical flips, rotation within
 * +-25 degrees, shear within +-0.2 rad, zoom 0.8-1.2 (one affine map, bilinear, edges extended as
 * Keras does), then an intensity shift of up to +-20% of the [0, 1] range.
 */
public final class Augmentation {

    /**
     * What a training image goes through: nothing, flips alone (what a whole image keeps as it is: a
     * flipped breast is still a breast, while an intensity shift or zoom of the whole image moves the
     * frozen patch network's pooled features ten times more than benign and malignant images differ),
     * or the paper's whole set.
     */
    public enum Kind {
        NONE, FLIPS, PAPER;

        float[] apply(float[] image, int width, int height, RandomGenerator random) {
            return switch (this) {
                case NONE -> image;
                case FLIPS -> flipped(image, width, height, random.nextBoolean(), random.nextBoolean());
                case PAPER -> Augmentation.apply(image, width, height, random);
            };
        }
    }

    static final double MAX_ROTATION = Math.toRadians(25);
    static final double MAX_SHEAR = 0.2;
    static final double MIN_ZOOM = 0.8;
    static final double MAX_ZOOM = 1.2;
    static final double MAX_SHIFT = 0.2;

    private Augmentation() {
    }

    /** A transformed copy of a width x height image of normalised values. */
    static float[] apply(float[] image, int width, int height, RandomGenerator random) {
        double angle = uniform(random, -MAX_ROTATION, MAX_ROTATION);
        double shear = uniform(random, -MAX_SHEAR, MAX_SHEAR);
        double zoom = uniform(random, MIN_ZOOM, MAX_ZOOM);
        double flipX = random.nextBoolean() ? -1 : 1;
        double flipY = random.nextBoolean() ? -1 : 1;
        float shift = (float) (uniform(random, -MAX_SHIFT, MAX_SHIFT) / Pixels.STD);
        // inverse map from output to source: flip, unzoom, unshear, unrotate
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = cos / zoom * flipX;
        double b = (sin + cos * Math.tan(shear)) / zoom * flipY;
        double c = -sin / zoom * flipX;
        double d = (cos - sin * Math.tan(shear)) / zoom * flipY;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            double dy = y - cy;
            for (int x = 0; x < width; x++) {
                double dx = x - cx;
                out[y * width + x] = bilinear(image, width, height, cx + a * dx + b * dy, cy + c * dx + d * dy) + shift;
            }
        }
        return out;
    }

    /** The image mirrored left to right and/or top to bottom. */
    static float[] flipped(float[] image, int width, int height, boolean horizontal, boolean vertical) {
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            int from = (vertical ? height - 1 - y : y) * width;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = image[from + (horizontal ? width - 1 - x : x)];
            }
        }
        return out;
    }

    private static float bilinear(float[] image, int width, int height, double x, double y) {
        x = Math.max(0, Math.min(width - 1, x));
        y = Math.max(0, Math.min(height - 1, y));
        int x0 = Math.min((int) x, width - 2 < 0 ? 0 : width - 2);
        int y0 = Math.min((int) y, height - 2 < 0 ? 0 : height - 2);
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = image[y0 * width + x0] * (1 - fx) + image[y0 * width + x1] * fx;
        float bottom = image[y1 * width + x0] * (1 - fx) + image[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double uniform(RandomGenerator random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
