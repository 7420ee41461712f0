package org.mammoflow.head;

import java.util.List;

import org.mammoflow.api.head.WholeImageHead;
import org.mammoflow.api.network.NetworkSpec;
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
                + " 1 as in its PyTorch code)")
        int stride() default 2;
    }

    private final int stride;

    @Activate
    public ResNetHead(Config config) {
        if (config.stride() < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + config.stride());
        }
        this.stride = config.stride();
    }

    @Override
    public NetworkSpec wholeImage(NetworkSpec patchNetwork, int height, int width) {
        String base = patchNetwork.architecture();
        if (base.contains("+")) {
            throw new IllegalArgumentException(base + " is already a whole-image network");
        }
        return new NetworkSpec(base + "+resnet-head" + (stride == 2 ? "" : ":" + stride), 2, height, width);
    }

    @Override
    public List<String> newLayers() {
        return List.of("layer5", "layer6", "fc");
    }
}
