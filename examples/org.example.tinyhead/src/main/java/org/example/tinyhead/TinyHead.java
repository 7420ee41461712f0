package org.example.tinyhead;

import java.util.List;

import org.mammoflow.api.head.WholeImageHead;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.Layer;
import org.osgi.service.component.annotations.Component;

/** A head of one block: a 1x1 convolution to 32 channels with BatchNorm and ReLU, then the 2-class fc. */
@Component(property = WholeImageHead.NAME + "=tiny")
public class TinyHead implements WholeImageHead {

    @Override
    public HeadLayers layers(int featureChannels) {
        return new HeadLayers("tiny-head", List.of(new Layer.ConvBlock("layer5", featureChannels, 32, 1, false)), 0.0);
    }
}
