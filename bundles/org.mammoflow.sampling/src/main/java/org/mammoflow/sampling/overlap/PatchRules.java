package org.mammoflow.sampling.overlap;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.sampling.Patch;
import org.mammoflow.api.sampling.PatchClass;

/**
 * The paper's patch rules (METHOD.md). An ROI patch's centre is drawn uniformly in the ROI's
 * bounding box (the patch shifted inside the image where it would cross the border) and accepted
 * when its overlap with the ROI exceeds the cutoff; every {@code triesPerCutoff} failures lower the
 * cutoff by {@code cutoffStep}. A background patch lies uniformly inside the image and is accepted
 * when its overlap with every ROI is at most {@code backgroundCutoff} and, when
 * {@code minTissue} is above 0, at least that share of its pixels is tissue (non-zero).
 */
public record PatchRules(int patchSize, double roiCutoff, double cutoffStep, int triesPerCutoff,
        double backgroundCutoff, double minTissue, int maxBackgroundTries) {

    /** The paper's values: 224 px, 0.9, -0.05 per 1000 tries, background at most 0.35, no tissue filter. */
    public static PatchRules paper() {
        return new PatchRules(224, 0.9, 0.05, 1000, 0.35, 0, 1_000_000);
    }

    /** Prepared ROIs of a mammogram (empty masks are left out). */
    public static List<RoiArea> areas(Mammogram mammogram) {
        List<RoiArea> areas = new ArrayList<>();
        for (Roi roi : mammogram.rois()) {
            areas.add(RoiArea.of(roi.mask()));
        }
        return areas;
    }

    /** The tissue table the background rule needs, or null when the tissue filter is off. */
    public TissueArea tissue(Mammogram mammogram) {
        return minTissue > 0 ? TissueArea.of(mammogram.image()) : null;
    }

    /** An ROI patch around a random point of the ROI's bounding box. */
    public Patch roiPatch(Mammogram mammogram, Roi roi, RoiArea area, RandomGenerator random) {
        Box bounds = area.bounds();
        double cutoff = roiCutoff;
        int tries = 0;
        while (true) {
            int cx = bounds.x() + random.nextInt(bounds.width());
            int cy = bounds.y() + random.nextInt(bounds.height());
            Box box = inside(Box.centredSquare(cx, cy, patchSize), mammogram);
            double overlap = area.overlap(box);
            if (overlap > cutoff) {
                return new Patch(PatchClass.of(roi.type(), roi.pathology()), box, overlap);
            }
            if (++tries % triesPerCutoff == 0) {
                cutoff -= cutoffStep;
            }
        }
    }

    /** A background patch: at most {@code backgroundCutoff} overlap with every ROI. */
    public Patch backgroundPatch(Mammogram mammogram, List<RoiArea> areas, TissueArea tissue, RandomGenerator random) {
        int width = mammogram.image().width();
        int height = mammogram.image().height();
        for (int tries = 0; tries < maxBackgroundTries; tries++) {
            Box box = new Box(random.nextInt(width - patchSize + 1), random.nextInt(height - patchSize + 1), patchSize,
                    patchSize);
            double worst = 0;
            for (RoiArea area : areas) {
                if (area != null) {
                    worst = Math.max(worst, area.overlap(box));
                }
            }
            if (worst <= backgroundCutoff && (minTissue <= 0 || tissue.fraction(box) >= minTissue)) {
                return new Patch(PatchClass.BACKGROUND, box, worst);
            }
        }
        throw new IllegalStateException("mammogram " + mammogram.id() + ": no background patch with at most "
                + backgroundCutoff + " ROI overlap" + (minTissue > 0 ? " and " + minTissue + " tissue" : "")
                + " found in " + maxBackgroundTries + " tries");
    }

    /** Checks that a patch fits the image at all. */
    public void requireFits(Mammogram mammogram) {
        if (mammogram.image().width() < patchSize || mammogram.image().height() < patchSize) {
            throw new IllegalArgumentException("mammogram " + mammogram.id() + " (" + mammogram.image().width() + " x "
                    + mammogram.image().height() + ") is smaller than a " + patchSize + " px patch");
        }
    }

    /** The box moved the least distance that puts it inside the image. */
    public static Box inside(Box box, Mammogram mammogram) {
        int x = Math.max(0, Math.min(box.x(), mammogram.image().width() - box.width()));
        int y = Math.max(0, Math.min(box.y(), mammogram.image().height() - box.height()));
        return new Box(x, y, box.width(), box.height());
    }
}
