package org.mammoflow.api.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A patch network's body as a value: torchvision's ResNet stem (a 7 x 7 convolution with stride 2 from 3
 * to {@value #STEM_CHANNELS} channels named {@code conv1}, BatchNorm {@code bn1}, ReLU, 3 x 3 max pooling
 * with stride 2), then its residual blocks, named {@code layerS.i} as in torchvision. A classifier adds
 * global average pooling and {@code fc}; a whole-image network adds a head's {@link HeadLayers} first.
 */
public record Backbone(String name, List<Layer> blocks) {

    public static final int STEM_CHANNELS = 64;

    public Backbone {
        Objects.requireNonNull(name, "name");
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty() || blocks.get(0).in() != STEM_CHANNELS) {
            throw new IllegalArgumentException("backbone " + name + " must start with a block taking the stem's "
                    + STEM_CHANNELS + " channels");
        }
        Chain.requireChained("backbone " + name, blocks);
    }

    /** The paper's patch network: torchvision's resnet50 (bottlenecks, 3-4-6-3). */
    public static Backbone resnet50() {
        return resNet("resnet50", true, 3, 4, 6, 3);
    }

    /** torchvision's resnet18 (basic blocks, 2-2-2-2): the small network of the quick runs and tests. */
    public static Backbone resnet18() {
        return resNet("resnet18", false, 2, 2, 2, 2);
    }

    /** The backbone of an architecture name ({@code resnet50}, {@code resnet18}). */
    public static Backbone named(String name) {
        return switch (name) {
            case "resnet50" -> resnet50();
            case "resnet18" -> resnet18();
            default -> throw new IllegalArgumentException(
                    "unknown architecture " + name + " (known: resnet50, resnet18, and either topped by a head)");
        };
    }

    /**
     * torchvision's ResNet layout: stage {@code s} (from 0) has {@code depths[s]} blocks of width 64 x 2^s,
     * the first of each stage after the first with stride 2; bottlenecks expand their width 4 times.
     */
    public static Backbone resNet(String name, boolean bottleneck, int... depths) {
        int expansion = bottleneck ? 4 : 1;
        List<Layer> blocks = new ArrayList<>();
        int in = STEM_CHANNELS;
        for (int stage = 0; stage < depths.length; stage++) {
            int width = STEM_CHANNELS << stage;
            for (int i = 0; i < depths[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String block = "layer" + (stage + 1) + "." + i;
                blocks.add(bottleneck ? new Layer.Bottleneck(block, in, width, width * expansion, stride, false)
                        : new Layer.Basic(block, in, width, stride, false));
                in = width * expansion;
            }
        }
        return new Backbone(name, blocks);
    }

    /** Channels of the last block's feature maps. */
    public int features() {
        return blocks.get(blocks.size() - 1).out();
    }
}
