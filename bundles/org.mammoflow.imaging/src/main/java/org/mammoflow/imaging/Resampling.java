package org.mammoflow.imaging;

import java.util.Arrays;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.Mask;

/**
 * Maps a source window onto an output grid: output pixel (x, y) shows source position
 * ({@code x0 + (x + 0.5) / scaleX - 0.5}, likewise for y). Positions outside the source image are
 * black (padding). Images are resampled with a separable linear filter widened when shrinking, so
 * fine structure (calcifications) is averaged instead of aliased; masks take the nearest source
 * pixel, so they stay binary and aligned with the image.
 */
record Resampling(double x0, double y0, double scaleX, double scaleY, int width, int height) {

    GrayImage apply(GrayImage source) {
        Taps columns = Taps.of(source.width(), x0, scaleX, width);
        Taps rows = Taps.of(source.height(), y0, scaleY, height);
        float[] horizontal = new float[rows.span() * width];
        short[] samples = source.samples();
        for (int sy = rows.first; sy < rows.first + rows.span(); sy++) {
            int in = sy * source.width();
            int out = (sy - rows.first) * width;
            for (int x = 0; x < width; x++) {
                horizontal[out + x] = columns.apply(x, samples, in);
            }
        }
        short[] result = new short[width * height];
        float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            rows.accumulate(y, horizontal, row);
            for (int x = 0; x < width; x++) {
                result[y * width + x] = (short) Math.min(65535, Math.max(0, Math.round(row[x])));
            }
        }
        return new GrayImage(width, height, result);
    }

    Mask apply(Mask source) {
        boolean[] inside = new boolean[width * height];
        int[] sourceX = new int[width];
        for (int x = 0; x < width; x++) {
            sourceX[x] = (int) Math.floor(x0 + (x + 0.5) / scaleX);
        }
        for (int y = 0; y < height; y++) {
            int sy = (int) Math.floor(y0 + (y + 0.5) / scaleY);
            if (sy < 0 || sy >= source.height()) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                int sx = sourceX[x];
                inside[y * width + x] = sx >= 0 && sx < source.width() && source.inside()[sy * source.width() + sx];
            }
        }
        return new Mask(width, height, inside);
    }

    /** For each output index, the source indices and weights of a 1-D linear filter. */
    private static final class Taps {
        final int first;
        private final int last;
        private final int[] from;
        private final float[][] weights;

        private Taps(int first, int last, int[] from, float[][] weights) {
            this.first = first;
            this.last = last;
            this.from = from;
            this.weights = weights;
        }

        int span() {
            return Math.max(0, last - first + 1);
        }

        static Taps of(int sourceLength, double origin, double scale, int length) {
            double support = Math.max(1.0, 1.0 / scale); // filter radius in source pixels
            int[] from = new int[length];
            float[][] weights = new float[length][];
            int first = Integer.MAX_VALUE;
            int last = -1;
            for (int i = 0; i < length; i++) {
                double centre = origin + (i + 0.5) / scale - 0.5;
                int lo = Math.max(0, (int) Math.ceil(centre - support));
                int hi = Math.min(sourceLength - 1, (int) Math.floor(centre + support));
                if (centre < -0.5 || centre > sourceLength - 0.5 || hi < lo) {
                    from[i] = 0;
                    weights[i] = new float[0]; // padding
                    continue;
                }
                float[] w = new float[hi - lo + 1];
                double sum = 0;
                for (int s = lo; s <= hi; s++) {
                    double tap = Math.max(0, 1 - Math.abs(s - centre) / support);
                    w[s - lo] = (float) tap;
                    sum += tap;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= (float) sum;
                }
                from[i] = lo;
                weights[i] = w;
                first = Math.min(first, lo);
                last = Math.max(last, hi);
            }
            if (last < 0) {
                first = 0;
            }
            return new Taps(first, last, from, weights);
        }

        float apply(int i, short[] samples, int offset) {
            float[] w = weights[i];
            int base = offset + from[i];
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * (samples[base + k] & 0xFFFF);
            }
            return sum;
        }

        /** Output row {@code i} as the weighted sum of whole rows of {@code rows} (row-major, cache friendly). */
        void accumulate(int i, float[] rows, float[] out) {
            Arrays.fill(out, 0f);
            float[] w = weights[i];
            int stride = out.length;
            for (int k = 0; k < w.length; k++) {
                int base = (from[i] - first + k) * stride;
                float weight = w[k];
                for (int x = 0; x < stride; x++) {
                    out[x] += weight * rows[base + x];
                }
            }
        }
    }
}
