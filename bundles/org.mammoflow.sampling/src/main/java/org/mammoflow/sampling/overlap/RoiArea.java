package org.mammoflow.sampling.overlap;

import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.Mask;

/**
 * One ROI prepared for overlap queries: a summed-area table over its bounding box, so the ROI
 * pixels inside any box are counted in constant time instead of rescanning the mask per candidate.
 */
public final class RoiArea {

    private final Box bounds;
    private final int[] table; // (w + 1) x (h + 1) prefix sums over the bounding box
    private final int area;

    private RoiArea(Box bounds, int[] table, int area) {
        this.bounds = bounds;
        this.table = table;
        this.area = area;
    }

    /** Prepares a mask; null when the mask is empty. */
    public static RoiArea of(Mask mask) {
        Box bounds = bounds(mask);
        if (bounds == null) {
            return null;
        }
        int w = bounds.width();
        int h = bounds.height();
        int[] table = new int[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            int rowSum = 0;
            for (int x = 0; x < w; x++) {
                rowSum += mask.contains(bounds.x() + x, bounds.y() + y) ? 1 : 0;
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + rowSum;
            }
        }
        return new RoiArea(bounds, table, table[table.length - 1]);
    }

    public Box bounds() {
        return bounds;
    }

    public int area() {
        return area;
    }

    /** ROI pixels inside the box. */
    public int inside(Box box) {
        int x0 = Math.max(box.x(), bounds.x()) - bounds.x();
        int y0 = Math.max(box.y(), bounds.y()) - bounds.y();
        int x1 = Math.min(box.x() + box.width(), bounds.x() + bounds.width()) - bounds.x();
        int y1 = Math.min(box.y() + box.height(), bounds.y() + bounds.height()) - bounds.y();
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        int stride = bounds.width() + 1;
        return table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
    }

    /** The paper's overlap: the larger of inside/ROI area and inside/patch area. */
    public double overlap(Box box) {
        int inside = inside(box);
        return Math.max(inside / (double) area, inside / (double) box.area());
    }

    private static Box bounds(Mask mask) {
        int left = mask.width();
        int top = mask.height();
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.contains(x, y)) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        return right < 0 ? null : new Box(left, top, right - left + 1, bottom - top + 1);
    }
}
