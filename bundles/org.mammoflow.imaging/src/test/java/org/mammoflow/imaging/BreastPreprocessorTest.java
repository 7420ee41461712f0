package org.mammoflow.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.image.PreprocessingSettings.Fit;

class BreastPreprocessorTest {

    private static final int W = 400;
    private static final int H = 600;

    @Test
    void segmentationRemovesTheMarkerAndFillsHoles() {
        GrayImage image = TestImages.breastWithMarker(W, H);
        BreastSegmentation.Region breast = BreastSegmentation.of(image, 0.05);
        int[] marker = TestImages.marker(W, H);
        int[] hole = TestImages.hole(W, H);
        assertFalse(breast.mask().contains(marker[0] + 2, marker[1] + 2), "the marker is not breast");
        assertTrue(breast.mask().contains(hole[0] + 2, hole[1] + 2), "holes inside the breast are filled");
        assertTrue(breast.mask().contains(10, H / 2));
        assertEquals(0, breast.bounds().x());
        assertTrue(breast.bounds().x() + breast.bounds().width() < marker[0], breast.bounds().toString());

        GrayImage cleaned = BreastPreprocessor.keepInside(image, breast.mask());
        assertEquals(0, cleaned.sample(marker[0] + 2, marker[1] + 2));
        assertEquals(image.sample(10, H / 2), cleaned.sample(10, H / 2));
    }

    @Test
    void blackImageSegmentsToNothing() {
        BreastSegmentation.Region region = BreastSegmentation.of(GrayImage.blank(50, 40), 0.05);
        assertEquals(0, region.mask().area());
    }

    @ParameterizedTest
    @CsvSource({ "STRETCH,false", "KEEP_ASPECT,false", "STRETCH,true", "KEEP_ASPECT,true" })
    void roiMasksStayAlignedWithTheImage(Fit fit, boolean crop) {
        GrayImage image = TestImages.breastWithMarker(W, H);
        int[] lesion = { 60, 250, 110, 330 };
        TestImages.fill(image.samples(), W, lesion, (short) 50000);
        Mask mask = TestImages.square(W, H, lesion);
        Mammogram raw = new Mammogram("m", "p", image, List.of(new Roi(LesionType.MASS, Pathology.MALIGNANT, mask)));

        Mammogram out = new BreastPreprocessor(config(fit, crop, 230, 180)).preprocess(raw);

        assertEquals(180, out.image().width());
        assertEquals(230, out.image().height());
        Mask moved = out.rois().get(0).mask();
        assertTrue(moved.area() > 100, "lesion mask area " + moved.area());
        int bright = 0;
        for (int y = 0; y < moved.height(); y++) {
            for (int x = 0; x < moved.width(); x++) {
                if (moved.contains(x, y) && out.image().sample(x, y) > 40000) {
                    bright++;
                }
            }
        }
        assertTrue(bright > 0.9 * moved.area(), bright + " of " + moved.area() + " mask pixels are on the lesion");
    }

    @Test
    void stretchResizesToTheConfiguredSizeAndKeepsIntensity() {
        short[] flat = new short[W * H];
        java.util.Arrays.fill(flat, (short) 30000);
        Mammogram raw = new Mammogram("m", "p", new GrayImage(W, H, flat), List.of());
        Mammogram out = new BreastPreprocessor(config(Fit.STRETCH, false, 1152, 896)).preprocess(raw);
        assertEquals(896, out.image().width());
        assertEquals(1152, out.image().height());
        assertEquals(30000, out.image().sample(448, 576));
        assertEquals(30000, out.image().sample(0, 0));
    }

    @Test
    void keepAspectPadsNarrowImagesWithBlack() {
        short[] flat = new short[100 * 400];
        java.util.Arrays.fill(flat, (short) 30000);
        Mammogram raw = new Mammogram("m", "p", new GrayImage(100, 400, flat), List.of());
        Mammogram out = new BreastPreprocessor(config(Fit.KEEP_ASPECT, false, 200, 200)).preprocess(raw);
        // 100 x 400 scaled to height 200 is 50 wide, centred in 200: columns 75..124 hold the image
        assertEquals(0, out.image().sample(10, 100));
        assertEquals(30000, out.image().sample(100, 100));
        assertEquals(0, out.image().sample(190, 100));
    }

    static BreastPreprocessor.Config config(Fit fit, boolean crop, int height, int width) {
        return new BreastPreprocessor.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BreastPreprocessor.Config.class;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public Fit fit() {
                return fit;
            }

            @Override
            public boolean segment() {
                return true;
            }

            @Override
            public double threshold() {
                return 0.05;
            }

            @Override
            public boolean cropToBreast() {
                return crop;
            }
        };
    }
}
