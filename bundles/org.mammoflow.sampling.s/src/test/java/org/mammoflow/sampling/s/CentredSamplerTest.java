package org.mammoflow.sampling.s;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
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

class CentredSamplerTest {

    private final CentredSampler sampler = new CentredSampler(defaults(CentredSampler.Config.class));

    @Test
    void centroidIsThatOfTheLargestRegion() {
        Mask mask = squares(100, 100, new int[] { 10, 10, 14, 14 }, new int[] { 50, 60, 70, 80 });
        assertArrayEquals(new int[] { 60, 70 }, CentredSampler.centroidOfLargestRegion(mask, new Box(0, 0, 100, 100)));
    }

    @RepeatedTest(30)
    void onePatchCentredOnEachRoiAndOneBackground(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int width = 400 + random.nextInt(500);
        int height = 400 + random.nextInt(500);
        int x = random.nextInt(width - 60);
        int y = random.nextInt(height - 40);
        Mask mask = squares(width, height, new int[] { x, y, x + 60, y + 40 });
        Mammogram mammogram = new Mammogram("m", "p", GrayImage.blank(width, height),
                List.of(new Roi(LesionType.MASS, Pathology.MALIGNANT, mask)));

        List<Patch> patches = sampler.sample(mammogram, new Random(1));
        assertEquals(2, patches.size());
        Patch centred = patches.get(0);
        assertEquals(PatchClass.MALIGNANT_MASS, centred.label());
        assertTrue(centred.box().inside(width, height));
        Box expected = Box.centredSquare(x + 30, y + 20, 224);
        if (expected.inside(width, height)) {
            assertEquals(expected, centred.box(), "centred on the ROI unless that would cross the border");
        }
        assertEquals(1.0, centred.overlap(), 1e-9, "a 60 x 40 ROI lies whole in a centred 224 px patch");
        assertEquals(PatchClass.BACKGROUND, patches.get(1).label());
        assertTrue(patches.get(1).overlap() <= 0.35);
    }

    private static Mask squares(int width, int height, int[]... boxes) {
        boolean[] inside = new boolean[width * height];
        for (int[] b : boxes) {
            for (int y = b[1]; y < b[3]; y++) {
                for (int x = b[0]; x < b[2]; x++) {
                    inside[y * width + x] = true;
                }
            }
        }
        return new Mask(width, height, inside);
    }

    static <T> T defaults(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> method.getDefaultValue()));
    }
}
