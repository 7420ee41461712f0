package org.mammoflow.sampling.s10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.sampling.Patch;
import org.mammoflow.api.sampling.PatchClass;

/** Property checks over many random images and ROI masks, overlaps recounted pixel by pixel. */
class RandomRoiSamplerTest {

    private final RandomRoiSampler sampler = new RandomRoiSampler(defaults(RandomRoiSampler.Config.class));

    @RepeatedTest(60)
    void everyPatchFollowsThePapersRules(RepetitionInfo repetition) {
        Mammogram mammogram = randomMammogram(new Random(repetition.getCurrentRepetition()));
        List<Patch> patches = sampler.sample(mammogram, new Random(99));

        assertEquals(20 * mammogram.rois().size(), patches.size(), "10 ROI + 10 background patches per ROI");
        for (int r = 0; r < mammogram.rois().size(); r++) {
            Roi roi = mammogram.rois().get(r);
            for (int k = 0; k < 20; k++) {
                Patch patch = patches.get(20 * r + k);
                Box box = patch.box();
                assertTrue(box.inside(mammogram.image().width(), mammogram.image().height()), box.toString());
                assertEquals(224, box.width());
                if (k < 10) {
                    assertEquals(PatchClass.of(roi.type(), roi.pathology()), patch.label());
                    double overlap = overlap(roi.mask(), box);
                    assertTrue(overlap > 0.9, "ROI patch overlap " + overlap);
                    assertEquals(overlap, patch.overlap(), 1e-9);
                } else {
                    assertEquals(PatchClass.BACKGROUND, patch.label());
                    for (Roi any : mammogram.rois()) {
                        assertTrue(overlap(any.mask(), box) <= 0.35, "background overlaps an ROI: " + box);
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSamePatches() {
        Mammogram mammogram = randomMammogram(new Random(5));
        assertEquals(sampler.sample(mammogram, new Random(3)), sampler.sample(mammogram, new Random(3)));
        assertTrue(!sampler.sample(mammogram, new Random(3)).equals(sampler.sample(mammogram, new Random(4))));
    }

    /**
     * A tissue image of 1152 x 896 or so with 1 to 3 elliptic ROIs of random size and place (some at
     * the border), each small enough that a patch can hold 90% of it, as most lesions are at this size.
     */
    static Mammogram randomMammogram(Random random) {
        int width = 600 + random.nextInt(400);
        int height = 700 + random.nextInt(500);
        short[] samples = new short[width * height];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (random.nextInt(4) == 0 ? 0 : 1000 + random.nextInt(30000));
        }
        List<Roi> rois = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int r = 0; r < count; r++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            LesionType type = random.nextBoolean() ? LesionType.MASS : LesionType.CALCIFICATION;
            Pathology pathology = random.nextBoolean() ? Pathology.MALIGNANT : Pathology.BENIGN;
            rois.add(new Roi(type, pathology, ellipse(width, height, cx, cy, 3 + random.nextInt(90), 3 + random.nextInt(90))));
        }
        return new Mammogram("random", "p", new GrayImage(width, height, samples), rois);
    }

    @Test
    void cutoffRelaxesWhenNoPatchCanReachIt() {
        // a long thin ROI: no 224 px patch holds 90% of it, nor is 90% of a patch inside it
        Mask thin = ellipse(1000, 800, 500, 400, 300, 6);
        Mammogram mammogram = new Mammogram("thin", "p", GrayImage.blank(1000, 800),
                List.of(new Roi(LesionType.MASS, Pathology.BENIGN, thin)));
        List<Patch> patches = sampler.sample(mammogram, new Random(1));
        for (Patch patch : patches.subList(0, 10)) {
            double overlap = overlap(thin, patch.box());
            assertTrue(overlap > 0.3 && overlap < 0.9, "relaxed cutoff, best overlap " + overlap);
        }
    }

    static Mask ellipse(int width, int height, int cx, int cy, double rx, double ry) {
        boolean[] inside = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                inside[y * width + x] = dx * dx + dy * dy <= 1;
            }
        }
        return new Mask(width, height, inside);
    }

    /** max(inside/ROI area, inside/patch area), counted pixel by pixel. */
    static double overlap(Mask mask, Box box) {
        int inside = 0;
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                inside += mask.contains(x, y) ? 1 : 0;
            }
        }
        return Math.max(inside / (double) mask.area(), inside / (double) box.area());
    }

    /** A configuration with every attribute at its default: the paper's values. */
    static <T> T defaults(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> method.getDefaultValue()));
    }
}
