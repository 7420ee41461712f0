package org.mammoflow.head;

import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.head.WholeImageHead;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.Layer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The paper's VGG-style head ("512x1"): blocks of one 3x3 convolution with BatchNorm and ReLU, each
 * followed by 2 x 2 max pooling ({@code layer5}, {@code layer6}, ...), then global average pooling,
 * dropout and a 2-class fc.
 */
@Component(configurationPid = VggHead.PID, property = WholeImageHead.NAME + "=vgg")
@Designate(ocd = VggHead.Config.class)
public final class VggHead implements WholeImageHead {

    static final String PID = "org.mammoflow.head.vgg";

    @ObjectClassDefinition(name = "Mammoflow VGG whole-image head")
    public @interface Config {
        @AttributeDefinition(description = "Channels of each block's convolution (paper: 512); 16 to 2048",
                min = "16", max = "2048")
        int channels() default 512;

        @AttributeDefinition(description = "Number of blocks (paper: 2); 1 to 4", min = "1", max = "4")
        int blocks() default 2;
    }

    private final int channels;
    private final int blocks;

    @Activate
    public VggHead(Config config) {
        if (config.channels() < 16 || config.channels() > 2048) {
            throw new IllegalArgumentException("channels must be 16 to 2048, got " + config.channels());
        }
        if (config.blocks() < 1 || config.blocks() > 4) {
            throw new IllegalArgumentException("blocks must be 1 to 4, got " + config.blocks());
        }
        this.channels = config.channels();
        this.blocks = config.blocks();
    }

    @Override
    public HeadLayers layers(int featureChannels) {
        List<Layer> layers = new ArrayList<>();
        int in = featureChannels;
        for (int i = 0; i < blocks; i++) {
            layers.add(new Layer.ConvBlock("layer" + (5 + i), in, channels, 3, true));
            in = channels;
        }
        return new HeadLayers("vgg-head", layers, 0.5);
    }
}
