package org.mammoflow.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.Layer;

/** The paper's two heads as layer descriptions. */
class HeadsTest {

    @Test
    void theVggHeadIsTwoBlocksOfConv3x3BatchNormReluAndMaxPool() {
        HeadLayers layers = new VggHead(vgg(512, 2)).layers(2048);
        assertEquals("vgg-head", layers.name());
        assertEquals(List.of(new Layer.ConvBlock("layer5", 2048, 512, 3, true),
                new Layer.ConvBlock("layer6", 512, 512, 3, true)), layers.blocks());
        assertEquals(0.5, layers.dropout());
        assertEquals(List.of("layer5", "layer6", "fc"), layers.newLayers());
        assertThrows(IllegalArgumentException.class, () -> new VggHead(vgg(512, 0)));
        assertThrows(IllegalArgumentException.class, () -> new VggHead(vgg(8, 2)));
    }

    @Test
    void theResNetHeadIsTwoBlocksOfTwoBottlenecksStartingAsTheirShortcut() {
        HeadLayers layers = new ResNetHead(resnet(2)).layers(512);
        assertEquals("resnet-head", layers.name());
        assertEquals(new Layer.Bottleneck("layer5.0", 512, 512, 1024, 2, true), layers.blocks().get(0));
        assertEquals(new Layer.Bottleneck("layer6.1", 1024, 512, 1024, 1, true), layers.blocks().get(3));
        assertEquals(List.of("layer5", "layer6", "fc"), layers.newLayers());
        assertEquals("resnet-head-stride1", new ResNetHead(resnet(1)).layers(512).name());
        assertThrows(IllegalArgumentException.class, () -> new ResNetHead(resnet(0)));
    }

    private static VggHead.Config vgg(int channels, int blocks) {
        return new VggHead.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return VggHead.Config.class;
            }

            @Override
            public int channels() {
                return channels;
            }

            @Override
            public int blocks() {
                return blocks;
            }
        };
    }

    private static ResNetHead.Config resnet(int stride) {
        return new ResNetHead.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ResNetHead.Config.class;
            }

            @Override
            public int stride() {
                return stride;
            }
        };
    }
}
