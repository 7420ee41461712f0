package org.mammoflow.api.sampling;

import org.mammoflow.api.image.Box;

/**
 * A labelled patch position in a mammogram. {@code overlap} is the overlap ratio that decided the
 * label: the larger of intersection/ROI-area and intersection/patch-area with the patch's ROI for
 * an ROI patch, with the most-overlapping ROI for a background patch.
 */
public record Patch(PatchClass label, Box box, double overlap) {
}
