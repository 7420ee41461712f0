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
 * The paper's ResNet head: two blocks of two bottleneck units [512-512-1024] ({@code layer5},
 * {@code layer6}) on the patch network's last block, the first unit of each with a projection
 * shortcut and the configured stride, then global average pooling, dropout and a 2-class fc.
 */
@Component(configurationPid = ResNetHead.PID, property = WholeImageHead.NAME + "=resnet")
@Designate(ocd = ResNetHead.Config.class)
public final class ResNetHead implements WholeImageHead {

    static final String PID = "org.mammoflow.head.resnet";

    @ObjectClassDefinition(name = "Mammoflow ResNet whole-image head")
    public @interface Config {
        @AttributeDefinition(description = "Stride of the first unit of each new block (2 as in the paper's Keras code,"
                + " 1 as in its PyTorch code); 1 to 4", min = "1", max = "4")
        int stride() default 2;
    }

    private final int stride;

    @Activate
    public ResNetHead(Config config) {
        if (config.stride() < 1 || config.stride() > 4) {
            throw new IllegalArgumentException("stride must be 1 to 4, got " + config.stride());
        }
        this.stride = config.stride();
    }

    @Override
    public HeadLayers layers(int featureChannels) {
        List<Layer> blocks = new ArrayList<>();
        int in = featureChannels;
        for (String layer : List.of("layer5", "layer6")) {
            blocks.add(new Layer.Bottleneck(layer + ".0", in, 512, 1024, stride, true));
            blocks.add(new Layer.Bottleneck(layer + ".1", 1024, 512, 1024, 1, true));
            in = 1024;
        }
        return new HeadLayers(stride == 2 ? "resnet-head" : "resnet-head-stride" + stride, blocks, 0.5);
    }
}
