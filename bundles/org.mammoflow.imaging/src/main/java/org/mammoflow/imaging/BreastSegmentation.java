package org.mammoflow.imaging;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Box;

/**
 * The paper's breast segmentation: threshold at a fraction of the image's maximum, keep the
 * largest connected region (the breast; burned-in labels and markers are smaller and apart), fill
 * its holes. Everything outside the region is what "watermark removal" zeroes.
 */
final class BreastSegmentation {

    /** The breast region and its bounding box. */
    record Region(Mask mask, Box bounds) {
    }

    private BreastSegmentation() {
    }

    static Region of(GrayImage image, double fraction) {
        int threshold = (int) Math.floor(max(image.samples()) * fraction);
        Runs foreground = Runs.above(image.samples(), image.width(), image.height(), threshold);
        if (foreground.count() == 0) {
            return new Region(new Mask(image.width(), image.height(), new boolean[image.samples().length]),
                    new Box(0, 0, image.width(), image.height()));
        }
        boolean[] breast = largest(foreground);
        Runs background = Runs.complement(foreground, breast);
        boolean[] inside = new boolean[image.samples().length];
        foreground.paint(breast, inside);
        background.paint(enclosed(background), inside);
        return new Region(new Mask(image.width(), image.height(), inside), bounds(foreground, breast));
    }

    /** The runs of the largest 8-connected component. */
    private static boolean[] largest(Runs runs) {
        int[] labels = runs.label(true);
        long[] area = runs.areas(labels);
        int best = 0;
        for (int label = 1; label < area.length; label++) {
            if (area[label] > area[best]) {
                best = label;
            }
        }
        boolean[] selected = new boolean[labels.length];
        for (int r = 0; r < labels.length; r++) {
            selected[r] = labels[r] == best;
        }
        return selected;
    }

    /** Background runs (4-connected) that do not reach the image border: the region's holes. */
    private static boolean[] enclosed(Runs background) {
        int[] labels = background.label(false);
        boolean[] touchesBorder = new boolean[labels.length];
        for (int y = 0; y < background.height; y++) {
            for (int r = background.rowStart[y]; r < background.rowStart[y + 1]; r++) {
                if (y == 0 || y == background.height - 1 || background.start[r] == 0
                        || background.end[r] == background.width) {
                    touchesBorder[labels[r]] = true;
                }
            }
        }
        boolean[] hole = new boolean[labels.length];
        for (int r = 0; r < labels.length; r++) {
            hole[r] = !touchesBorder[labels[r]];
        }
        return hole;
    }

    private static Box bounds(Runs runs, boolean[] selected) {
        int left = Integer.MAX_VALUE;
        int right = 0;
        int top = Integer.MAX_VALUE;
        int bottom = 0;
        for (int y = 0; y < runs.height; y++) {
            for (int r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++) {
                if (selected[r]) {
                    left = Math.min(left, runs.start[r]);
                    right = Math.max(right, runs.end[r]);
                    top = Math.min(top, y);
                    bottom = y + 1;
                }
            }
        }
        return new Box(left, top, right - left, bottom - top);
    }

    private static int max(short[] samples) {
        int max = 0;
        for (short s : samples) {
            max = Math.max(max, s & 0xFFFF);
        }
        return max;
    }
}
