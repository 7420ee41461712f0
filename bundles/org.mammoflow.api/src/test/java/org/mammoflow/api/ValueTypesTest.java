package org.mammoflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Pathology;
import org.mammoflow.api.image.Roi;
import org.mammoflow.api.network.Backbone;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Layer;
import org.mammoflow.api.sampling.PatchClass;

class ValueTypesTest {

    @ParameterizedTest
    @CsvSource({ "MALIGNANT,MALIGNANT", "BENIGN,BENIGN", "BENIGN_WITHOUT_CALLBACK,BENIGN", " malignant ,MALIGNANT" })
    void pathologyFollowsCbisDdsm(String value, Pathology expected) {
        assertEquals(expected, Pathology.parse(value));
    }

    @Test
    void unknownPathologyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pathology.parse("UNPROVEN"));
        assertTrue(e.getMessage().contains("UNPROVEN"), e.getMessage());
    }

    @Test
    void patchClassesKeepThePapersIndices() {
        assertEquals(0, PatchClass.BACKGROUND.index());
        assertEquals(PatchClass.MALIGNANT_CALCIFICATION, PatchClass.of(LesionType.CALCIFICATION, Pathology.MALIGNANT));
        assertEquals(2, PatchClass.of(LesionType.CALCIFICATION, Pathology.BENIGN).index());
        assertEquals(3, PatchClass.of(LesionType.MASS, Pathology.MALIGNANT).index());
        assertEquals(4, PatchClass.of(LesionType.MASS, Pathology.BENIGN).index());
    }

    @Test
    void samplesAreUnsigned16Bit() {
        GrayImage image = new GrayImage(2, 1, new short[] { (short) 65535, (short) 40000 });
        assertEquals(65535, image.sample(0, 0));
        assertEquals(40000, image.sample(1, 0));
        assertEquals(1f, image.intensity(0, 0));
    }

    @Test
    void imageSizeMustMatchItsSamples() {
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(3, 3, new short[8]));
    }

    @Test
    void roiMasksMustHaveTheImageSize() {
        Roi roi = new Roi(LesionType.MASS, Pathology.MALIGNANT, new Mask(4, 4, new boolean[16]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mammogram("P_001_LEFT_CC", "P_001", GrayImage.blank(5, 4), List.of(roi)));
        assertTrue(e.getMessage().contains("P_001_LEFT_CC"), e.getMessage());
    }

    @Test
    void wholeImageLabelIsMalignantWhenAnyRoiIs() {
        Mask mask = new Mask(2, 2, new boolean[] { true, false, false, false });
        Roi benign = new Roi(LesionType.MASS, Pathology.BENIGN, mask);
        Roi malignant = new Roi(LesionType.CALCIFICATION, Pathology.MALIGNANT, mask);
        assertFalse(new Mammogram("a", "p", GrayImage.blank(2, 2), List.of(benign)).malignant());
        assertTrue(new Mammogram("b", "p", GrayImage.blank(2, 2), List.of(benign, malignant)).malignant());
        assertEquals(1, mask.area());
    }

    @Test
    void boxesCentreOnAPoint() {
        Box box = Box.centredSquare(112, 200, 224);
        assertEquals(new Box(0, 88, 224, 224), box);
        assertTrue(box.inside(224, 312));
        assertFalse(box.inside(223, 312));
    }

    @Test
    void batchChecksItsShape() {
        assertThrows(IllegalArgumentException.class, () -> Batch.of(2, 3, 4, 4, new float[95]));
        assertEquals(2, Batch.of(2, 3, 4, 4, new float[96]).size());
    }

    @Test
    void backbonesAreTorchvisionsResNets() {
        Backbone resnet50 = Backbone.resnet50();
        assertEquals(16, resnet50.blocks().size());
        assertEquals(2048, resnet50.features());
        assertEquals("layer4.2", resnet50.blocks().get(15).name());
        assertEquals(new Layer.Bottleneck("layer2.0", 256, 128, 512, 2, false), resnet50.blocks().get(3));
        Backbone resnet18 = Backbone.named("resnet18");
        assertEquals(8, resnet18.blocks().size());
        assertEquals(512, resnet18.features());
        assertThrows(IllegalArgumentException.class, () -> Backbone.named("resnet999"));
        assertThrows(IllegalArgumentException.class, () -> new Backbone("gap", List.of(
                new Layer.Basic("layer1.0", 64, 64, 1, false), new Layer.Basic("layer2.0", 128, 128, 1, false))));
    }
}
