package org.mammoflow.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mammoflow.api.network.Backbone;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.Layer;
import org.mammoflow.api.network.NetworkSpec;

/**
 * A network as data: a {@link Backbone} (torchvision's ResNet stem, then its residual blocks named
 * {@code layerN.i}), a head's blocks as the head describes them, global average pooling, dropout and {@code fc}.
 * Parameter names and shapes are exactly torchvision's, so its state dicts load name for name.
 */
record Architecture(String name, List<Layer> blocks, int classes, double dropout) {

    /**
     * The kinds of tensor a network holds: trained parameters (a BatchNorm scale that starts at 0 is a
     * {@code ZERO_BATCH_NORM_WEIGHT}) and BatchNorm's running statistics.
     */
    enum Kind { WEIGHT, BATCH_NORM_WEIGHT, ZERO_BATCH_NORM_WEIGHT, BIAS, RUNNING_MEAN, RUNNING_VAR }

    record Tensor(String name, long[] shape, Kind kind, int fanIn) {
    }

    /** The network a spec describes: its backbone (described by name), topped by the head it describes, if any. */
    static Architecture of(NetworkSpec spec) {
        if (spec.head().isEmpty()) {
            return of(spec.architecture(), spec.classes());
        }
        HeadLayers head = spec.head().get();
        String base = spec.architecture().substring(0, spec.architecture().length() - head.name().length() - 1);
        Architecture backbone = of(base, spec.classes());
        if (head.blocks().get(0).in() != backbone.features()) {
            throw new IllegalArgumentException("head " + head.name() + " takes " + head.blocks().get(0).in()
                    + " channels; " + base + " gives " + backbone.features());
        }
        List<Layer> blocks = new ArrayList<>(backbone.blocks());
        blocks.addAll(head.blocks());
        return new Architecture(spec.architecture(), blocks, spec.classes(), head.dropout());
    }

    /**
     * {@code resnet50}, {@code resnet18}, or, for checkpoints saved before heads described their
     * layers, one of them topped by the ResNet head by name ({@code resnet50+resnet-head},
     * {@code ...+resnet-head:1} for stride 1).
     */
    static Architecture of(String name, int classes) {
        int plus = name.indexOf('+');
        if (plus > 0) {
            return withResNetHead(name, of(name.substring(0, plus), classes), name.substring(plus + 1));
        }
        Backbone backbone = Backbone.named(name);
        return new Architecture(name, backbone.blocks(), classes, 0);
    }

    /** The ResNet head as it was named before heads described their layers: two blocks of two bottlenecks. */
    private static Architecture withResNetHead(String name, Architecture backbone, String head) {
        String[] parts = head.split(":");
        if (!parts[0].equals("resnet-head") || parts.length > 2) {
            throw new IllegalArgumentException("unknown head " + head + " in " + name
                    + " (a head other than resnet-head comes with its layers)");
        }
        int stride = parts.length == 2 ? Integer.parseInt(parts[1]) : 2;
        List<Layer> blocks = new ArrayList<>(backbone.blocks());
        int in = backbone.features();
        for (String layer : List.of("layer5", "layer6")) {
            blocks.add(new Layer.Bottleneck(layer + ".0", in, 512, 1024, stride, true));
            blocks.add(new Layer.Bottleneck(layer + ".1", 1024, 512, 1024, 1, true));
            in = 1024;
        }
        return new Architecture(name, blocks, backbone.classes(), 0.5);
    }

    int features() {
        return blocks.get(blocks.size() - 1).out();
    }

    /** Every tensor in torchvision's state-dict order (num_batches_tracked left out). */
    Map<String, Tensor> tensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        conv(tensors, "conv1", 3, Backbone.STEM_CHANNELS, 7);
        batchNorm(tensors, "bn1", Backbone.STEM_CHANNELS);
        for (Layer block : blocks) {
            String p = block.name() + ".";
            if (block instanceof Layer.Bottleneck b) {
                conv(tensors, p + "conv1", b.in(), b.width(), 1);
                batchNorm(tensors, p + "bn1", b.width());
                conv(tensors, p + "conv2", b.width(), b.width(), 3);
                batchNorm(tensors, p + "bn2", b.width());
                conv(tensors, p + "conv3", b.width(), b.out(), 1);
                batchNorm(tensors, p + "bn3", b.out(), b.startsAsShortcut());
                shortcut(tensors, p, b.projects(), b.in(), b.out());
            } else if (block instanceof Layer.Basic b) {
                conv(tensors, p + "conv1", b.in(), b.out(), 3);
                batchNorm(tensors, p + "bn1", b.out());
                conv(tensors, p + "conv2", b.out(), b.out(), 3);
                batchNorm(tensors, p + "bn2", b.out(), b.startsAsShortcut());
                shortcut(tensors, p, b.projects(), b.in(), b.out());
            } else if (block instanceof Layer.ConvBlock c) {
                conv(tensors, p + "conv", c.in(), c.out(), c.kernel());
                batchNorm(tensors, p + "bn", c.out());
            }
        }
        put(tensors, new Tensor("fc.weight", new long[] {classes, features()}, Kind.WEIGHT, features()));
        put(tensors, new Tensor("fc.bias", new long[] {classes}, Kind.BIAS, features()));
        return tensors;
    }

    private static void shortcut(Map<String, Tensor> tensors, String p, boolean projects, int in, int out) {
        if (projects) {
            conv(tensors, p + "downsample.0", in, out, 1);
            batchNorm(tensors, p + "downsample.1", out);
        }
    }

    private static void conv(Map<String, Tensor> tensors, String name, int in, int out, int kernel) {
        // torchvision initialises convolutions by fan-out (kaiming_normal_, mode="fan_out")
        put(tensors, new Tensor(name + ".weight", new long[] {out, in, kernel, kernel}, Kind.WEIGHT,
                out * kernel * kernel));
    }

    private static void batchNorm(Map<String, Tensor> tensors, String name, int channels) {
        batchNorm(tensors, name, channels, false);
    }

    private static void batchNorm(Map<String, Tensor> tensors, String name, int channels, boolean startsAtZero) {
        long[] shape = {channels};
        put(tensors, new Tensor(name + ".weight", shape, startsAtZero ? Kind.ZERO_BATCH_NORM_WEIGHT
                : Kind.BATCH_NORM_WEIGHT, 0));
        put(tensors, new Tensor(name + ".bias", shape, Kind.BIAS, 0));
        put(tensors, new Tensor(name + ".running_mean", shape, Kind.RUNNING_MEAN, 0));
        put(tensors, new Tensor(name + ".running_var", shape, Kind.RUNNING_VAR, 0));
    }

    private static void put(Map<String, Tensor> tensors, Tensor tensor) {
        tensors.put(tensor.name(), tensor);
    }
}
