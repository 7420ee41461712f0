package org.mammoflow.sampling.s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.sampling.Patch;
import org.mammoflow.api.sampling.PatchClass;
import org.mammoflow.api.sampling.PatchSampler;
import org.mammoflow.sampling.overlap.PatchRules;
import org.mammoflow.sampling.overlap.RoiArea;
import org.mammoflow.sampling.overlap.TissueArea;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Dataset S of the paper: for each ROI one patch centred on the centroid of the ROI's largest
 * connected region (moved inside the image where needed) and one background patch.
 */
@Component(configurationPid = "org.mammoflow.sampling.s", property = PatchSampler.NAME + "=s")
@Designate(ocd = CentredSampler.Config.class)
public class CentredSampler implements PatchSampler {

    @ObjectClassDefinition(name = "Mammoflow sampler S", description = "One centred patch and one background patch per ROI")
    public @interface Config {
        @AttributeDefinition(description = "Patch side in pixels (paper: 224); 16 to 2048", min = "16", max = "2048")
        int patchSize() default 224;

        @AttributeDefinition(description = "Background patches per ROI (paper: 1); 0 to 100", min = "0", max = "100")
        int backgroundPerRoi() default 1;

        @AttributeDefinition(description = "Most overlap a background patch may have with any ROI (paper: 0.35); 0 to 1", min = "0", max = "1")
        double backgroundCutoff() default 0.35;

        @AttributeDefinition(description = "Least share of tissue (non-zero pixels) in a background patch; 0 is the paper's behaviour; 0 to 1", min = "0", max = "1")
        double minTissue() default 0;
    }

    private volatile Config config;

    @Activate
    public CentredSampler(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Override
    public List<Patch> sample(Mammogram mammogram, RandomGenerator random) {
        Config settings = config;
        PatchRules rules = new PatchRules(settings.patchSize(), 0.9, 0.05, 1000, settings.backgroundCutoff(),
                settings.minTissue(), 1_000_000);
        rules.requireFits(mammogram);
        List<RoiArea> areas = PatchRules.areas(mammogram);
        TissueArea tissue = rules.tissue(mammogram);
        List<Patch> patches = new ArrayList<>();
        for (int r = 0; r < mammogram.rois().size(); r++) {
            RoiArea area = areas.get(r);
            if (area == null) {
                continue;
            }
            Roi roi = mammogram.rois().get(r);
            int[] centre = centroidOfLargestRegion(roi.mask(), area.bounds());
            Box box = PatchRules.inside(Box.centredSquare(centre[0], centre[1], settings.patchSize()), mammogram);
            patches.add(new Patch(PatchClass.of(roi.type(), roi.pathology()), box, area.overlap(box)));
            for (int b = 0; b < settings.backgroundPerRoi(); b++) {
                patches.add(rules.backgroundPatch(mammogram, areas, tissue, random));
            }
        }
        return patches;
    }

    /** Centroid of the largest 8-connected region of the mask, searched inside its bounding box. */
    static int[] centroidOfLargestRegion(Mask mask, Box bounds) {
        boolean[] seen = new boolean[bounds.area()];
        long bestSize = 0;
        double bestX = 0;
        double bestY = 0;
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        for (int y = bounds.y(); y < bounds.y() + bounds.height(); y++) {
            for (int x = bounds.x(); x < bounds.x() + bounds.width(); x++) {
                int i = (y - bounds.y()) * bounds.width() + x - bounds.x();
                if (seen[i] || !mask.contains(x, y)) {
                    continue;
                }
                long size = 0;
                double sumX = 0;
                double sumY = 0;
                seen[i] = true;
                queue.add(new int[] { x, y });
                while (!queue.isEmpty()) {
                    int[] p = queue.poll();
                    size++;
                    sumX += p[0];
                    sumY += p[1];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = p[0] + dx;
                            int ny = p[1] + dy;
                            if (nx < bounds.x() || ny < bounds.y() || nx >= bounds.x() + bounds.width()
                                    || ny >= bounds.y() + bounds.height()) {
                                continue;
                            }
                            int j = (ny - bounds.y()) * bounds.width() + nx - bounds.x();
                            if (!seen[j] && mask.contains(nx, ny)) {
                                seen[j] = true;
                                queue.add(new int[] { nx, ny });
                            }
                        }
                    }
                }
                if (size > bestSize) {
                    bestSize = size;
                    bestX = sumX / size;
                    bestY = sumY / size;
                }
            }
        }
        return new int[] { (int) Math.round(bestX), (int) Math.round(bestY) };
    }
}
