package org.mammoflow.sampling.overlap;

import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;

/** Counts tissue (non-zero) pixels in boxes of an image in constant time: a summed-area table. */
public final class TissueArea {

    private final int stride;
    private final int[] table;

    private TissueArea(int stride, int[] table) {
        this.stride = stride;
        this.table = table;
    }

    public static TissueArea of(GrayImage image) {
        int w = image.width();
        int h = image.height();
        int[] table = new int[(w + 1) * (h + 1)];
        short[] samples = image.samples();
        for (int y = 0; y < h; y++) {
            int rowSum = 0;
            for (int x = 0; x < w; x++) {
                rowSum += samples[y * w + x] != 0 ? 1 : 0;
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + rowSum;
            }
        }
        return new TissueArea(w + 1, table);
    }

    /** The share of the box's pixels that are tissue. */
    public double fraction(Box box) {
        int x0 = box.x();
        int y0 = box.y();
        int x1 = x0 + box.width();
        int y1 = y0 + box.height();
        int count = table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
        return count / (double) box.area();
    }
}
