package org.mammoflow.sampling.s10;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.sampling.Patch;
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
 * Dataset S10 of the paper: for each ROI, ten patches whose overlap with the ROI passes the 0.9
 * rule (relaxed by 0.05 every 1000 failed tries) and ten background patches.
 */
@Component(configurationPid = "org.mammoflow.sampling.s10", property = PatchSampler.NAME + "=s10")
@Designate(ocd = RandomRoiSampler.Config.class)
public class RandomRoiSampler implements PatchSampler {

    @ObjectClassDefinition(name = "Mammoflow sampler S10", description = "Random ROI and background patches per ROI")
    public @interface Config {
        @AttributeDefinition(description = "Patch side in pixels (paper: 224); 16 to 2048", min = "16", max = "2048")
        int patchSize() default 224;

        @AttributeDefinition(description = "ROI patches per ROI (paper: 10); 1 to 1000", min = "1", max = "1000")
        int roiPatches() default 10;

        @AttributeDefinition(description = "Background patches per ROI (paper: 10); 0 to 1000", min = "0", max = "1000")
        int backgroundPatches() default 10;

        @AttributeDefinition(description = "Least overlap of an ROI patch: inside/ROI area or inside/patch area (paper: 0.9); 0 to 1", min = "0", max = "1")
        double roiCutoff() default 0.9;

        @AttributeDefinition(description = "How much the ROI cutoff drops after each round of failed tries (paper: 0.05); 0.001 to 1", min = "0.001", max = "1")
        double cutoffStep() default 0.05;

        @AttributeDefinition(description = "Failed tries before the ROI cutoff drops (paper: 1000); 1 to 1000000", min = "1", max = "1000000")
        int triesPerCutoff() default 1000;

        @AttributeDefinition(description = "Most overlap a background patch may have with any ROI (paper: 0.35); 0 to 1", min = "0", max = "1")
        double backgroundCutoff() default 0.35;

        @AttributeDefinition(description = "Least share of tissue (non-zero pixels) in a background patch; 0 is the paper's behaviour; 0 to 1", min = "0", max = "1")
        double minTissue() default 0;
    }

    private volatile Config config;

    @Activate
    public RandomRoiSampler(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Override
    public List<Patch> sample(Mammogram mammogram, RandomGenerator random) {
        Config settings = config;
        PatchRules rules = new PatchRules(settings.patchSize(), settings.roiCutoff(), settings.cutoffStep(),
                settings.triesPerCutoff(), settings.backgroundCutoff(), settings.minTissue(), 1_000_000);
        rules.requireFits(mammogram);
        List<RoiArea> areas = PatchRules.areas(mammogram);
        TissueArea tissue = rules.tissue(mammogram);
        List<Patch> patches = new ArrayList<>();
        for (int r = 0; r < mammogram.rois().size(); r++) {
            RoiArea area = areas.get(r);
            if (area == null) {
                continue;
            }
            for (int k = 0; k < settings.roiPatches(); k++) {
                patches.add(rules.roiPatch(mammogram, mammogram.rois().get(r), area, random));
            }
            for (int k = 0; k < settings.backgroundPatches(); k++) {
                patches.add(rules.backgroundPatch(mammogram, areas, tissue, random));
            }
        }
        return patches;
    }
}
