package org.mammoflow.sampling.s10;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;
import org.mammoflow.sampling.overlap.RoiArea;

/**
 * S10 on a 1152 x 896 image with 4 ROIs, and the overlap test against the reference code's way
 * (a copy of the whole mask per candidate, then a count), measured in the same run. Not part of the
 * suite; run with {@code mvn -pl bundles/org.mammoflow.sampling.s10 test -Dtest=SamplingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SamplingBenchmark {

    @Test
    void s10OnAPaperSizedImage() {
        int width = 896;
        int height = 1152;
        List<Roi> rois = new ArrayList<>();
        int[][] centres = { { 300, 400 }, { 600, 700 }, { 450, 900 }, { 200, 250 } };
        for (int[] c : centres) {
            rois.add(new Roi(LesionType.MASS, Pathology.MALIGNANT,
                    RandomRoiSamplerTest.ellipse(width, height, c[0], c[1], 40, 28)));
        }
        Mammogram mammogram = new Mammogram("bench", "p", GrayImage.blank(width, height), rois);
        RandomRoiSampler sampler = new RandomRoiSampler(RandomRoiSamplerTest.defaults(RandomRoiSampler.Config.class));

        double[] times = new double[50];
        for (int i = -10; i < times.length; i++) {
            long start = System.nanoTime();
            sampler.sample(mammogram, new Random(i));
            if (i >= 0) {
                times[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(times);

        Mask mask = rois.get(0).mask();
        RoiArea area = RoiArea.of(mask);
        Random random = new Random(1);
        Box[] candidates = new Box[2000];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = new Box(random.nextInt(width - 224), random.nextInt(height - 224), 224, 224);
        }
        double sum = 0;
        long start = System.nanoTime();
        for (int repeat = 0; repeat < 100; repeat++) {
            for (Box box : candidates) {
                sum += area.overlap(box);
            }
        }
        double summedArea = (System.nanoTime() - start) / 1e9 / (100.0 * candidates.length);
        start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            sum += naiveOverlap(mask, candidates[i]);
        }
        double naive = (System.nanoTime() - start) / 1e9 / 200;

        System.out.printf(Locale.ROOT, "%nS10 on %d x %d, %d ROIs (%d patches), 1 thread:%n", width, height, rois.size(),
                20 * rois.size());
        System.out.printf(Locale.ROOT, "  whole image, median of %d:         %8.2f ms%n", times.length, times[times.length / 2]);
        System.out.printf(Locale.ROOT, "  overlap test, summed-area table:  %8.3f us%n", summedArea * 1e6);
        System.out.printf(Locale.ROOT, "  overlap test, mask copy + count:  %8.3f us (the reference code's way)%n", naive * 1e6);
        System.out.printf(Locale.ROOT, "  ratio: %.0fx faster per candidate  (checksum %.1f)%n", naive / summedArea, sum);
    }

    /** What the reference code does per try: copy the whole mask, then count the patch's pixels. */
    private static double naiveOverlap(Mask mask, Box box) {
        boolean[] copy = mask.inside().clone();
        int roi = 0;
        for (boolean in : copy) {
            roi += in ? 1 : 0;
        }
        int inside = 0;
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                inside += copy[y * mask.width() + x] ? 1 : 0;
            }
        }
        return Math.max(inside / (double) roi, inside / (double) box.area());
    }
}
