package org.mammoflow.imaging;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.Mask;

/** Small synthetic mammograms for tests: a bright half-ellipse breast and a burned-in marker. */
final class TestImages {

    private TestImages() {
    }

    /** A breast against the left edge, with a dark hole inside it and a bright marker top right. */
    static GrayImage breastWithMarker(int width, int height) {
        short[] samples = new short[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x / (0.7 * width);
                double dy = (y - height / 2.0) / (0.45 * height);
                if (dx * dx + dy * dy < 1) {
                    samples[y * width + x] = (short) (20000 + (x * 7 + y * 13) % 3000);
                }
            }
        }
        fill(samples, width, hole(width, height), (short) 0);
        fill(samples, width, marker(width, height), (short) 60000);
        return new GrayImage(width, height, samples);
    }

    static int[] hole(int width, int height) {
        return new int[] { width / 5, height / 2 - 4, width / 5 + 8, height / 2 + 4 };
    }

    static int[] marker(int width, int height) {
        return new int[] { width - width / 6, height / 12, width - width / 12, height / 8 };
    }

    /** A square mask (x0, y0, x1, y1 exclusive). */
    static Mask square(int width, int height, int[] box) {
        boolean[] inside = new boolean[width * height];
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                inside[y * width + x] = true;
            }
        }
        return new Mask(width, height, inside);
    }

    static void fill(short[] samples, int width, int[] box, short value) {
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                samples[y * width + x] = value;
            }
        }
    }
}
