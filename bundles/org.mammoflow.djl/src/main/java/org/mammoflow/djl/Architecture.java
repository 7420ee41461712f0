package org.mammoflow.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torchvision's ResNet as data: the stem ({@code conv1}, {@code bn1}, max pooling), residual blocks
 * named {@code layerN.i}, global average pooling and {@code fc}. Parameter names and shapes are
 * exactly torchvision's, so its state dicts load name for name.
 */
record Architecture(String name, List<Block> blocks, int classes, double dropout) {

    static final int STEM_CHANNELS = 64;

    /**
     * A residual block: bottleneck (1x1, 3x3, 1x1) or basic (3x3, 3x3). With {@code startsAsShortcut}
     * the last BatchNorm of its residual branch starts at zero (torchvision's zero_init_residual), so
     * that the block first passes its shortcut on and learns the branch from there.
     */
    record Block(String name, boolean bottleneck, int in, int width, int out, int stride, boolean startsAsShortcut) {

        Block(String name, boolean bottleneck, int in, int width, int out, int stride) {
            this(name, bottleneck, in, width, out, stride, false);
        }

        /** A projection shortcut where the shape changes, as torchvision's {@code downsample}. */
        boolean projects() {
            return stride != 1 || in != out;
        }
    }

    /**
     * The kinds of tensor a network holds: trained parameters (a BatchNorm scale that starts at 0 is a
     * {@code ZERO_BATCH_NORM_WEIGHT}) and BatchNorm's running statistics.
     */
    enum Kind { WEIGHT, BATCH_NORM_WEIGHT, ZERO_BATCH_NORM_WEIGHT, BIAS, RUNNING_MEAN, RUNNING_VAR }

    record Tensor(String name, long[] shape, Kind kind, int fanIn) {
    }

    /**
     * {@code resnet50}, {@code resnet18}, or one of them topped by the whole-image head
     * ({@code resnet50+resnet-head}, {@code ...+resnet-head:1} for stride 1): two blocks of two
     * bottleneck units [512-512-1024], {@code layer5} and {@code layer6}, the first unit of each
     * with stride 2 and a projection shortcut, then dropout 0.5 before {@code fc}.
     */
    static Architecture of(String name, int classes) {
        int plus = name.indexOf('+');
        if (plus > 0) {
            return withHead(name, of(name.substring(0, plus), classes), name.substring(plus + 1));
        }
        return switch (name) {
            case "resnet50" -> new Architecture(name, stages(true, 3, 4, 6, 3), classes, 0);
            case "resnet18" -> new Architecture(name, stages(false, 2, 2, 2, 2), classes, 0);
            default -> throw new IllegalArgumentException(
                    "unknown architecture " + name + " (known: resnet50, resnet18, and either +resnet-head[:stride])");
        };
    }

    private static Architecture withHead(String name, Architecture backbone, String head) {
        String[] parts = head.split(":");
        if (!parts[0].equals("resnet-head") || parts.length > 2) {
            throw new IllegalArgumentException("unknown head " + head + " in " + name + " (known: resnet-head[:stride])");
        }
        int stride = parts.length == 2 ? Integer.parseInt(parts[1]) : 2;
        List<Block> blocks = new ArrayList<>(backbone.blocks());
        int in = backbone.features();
        for (String layer : List.of("layer5", "layer6")) {
            blocks.add(new Block(layer + ".0", true, in, 512, 1024, stride, true));
            blocks.add(new Block(layer + ".1", true, 1024, 512, 1024, 1, true));
            in = 1024;
        }
        return new Architecture(name, blocks, backbone.classes(), 0.5);
    }

    private static List<Block> stages(boolean bottleneck, int... depths) {
        int expansion = bottleneck ? 4 : 1;
        List<Block> blocks = new ArrayList<>();
        int in = STEM_CHANNELS;
        for (int stage = 0; stage < depths.length; stage++) {
            int width = STEM_CHANNELS << stage;
            for (int i = 0; i < depths[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                blocks.add(new Block("layer" + (stage + 1) + "." + i, bottleneck, in, width, width * expansion, stride));
                in = width * expansion;
            }
        }
        return blocks;
    }

    int features() {
        return blocks.get(blocks.size() - 1).out();
    }

    /** Every tensor in torchvision's state-dict order (num_batches_tracked left out). */
    Map<String, Tensor> tensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        conv(tensors, "conv1", 3, STEM_CHANNELS, 7);
        batchNorm(tensors, "bn1", STEM_CHANNELS);
        for (Block block : blocks) {
            String p = block.name() + ".";
            if (block.bottleneck()) {
                conv(tensors, p + "conv1", block.in(), block.width(), 1);
                batchNorm(tensors, p + "bn1", block.width());
                conv(tensors, p + "conv2", block.width(), block.width(), 3);
                batchNorm(tensors, p + "bn2", block.width());
                conv(tensors, p + "conv3", block.width(), block.out(), 1);
                batchNorm(tensors, p + "bn3", block.out(), block.startsAsShortcut());
            } else {
                conv(tensors, p + "conv1", block.in(), block.out(), 3);
                batchNorm(tensors, p + "bn1", block.out());
                conv(tensors, p + "conv2", block.out(), block.out(), 3);
                batchNorm(tensors, p + "bn2", block.out(), block.startsAsShortcut());
            }
            if (block.projects()) {
                conv(tensors, p + "downsample.0", block.in(), block.out(), 1);
                batchNorm(tensors, p + "downsample.1", block.out());
            }
        }
        put(tensors, new Tensor("fc.weight", new long[] {classes, features()}, Kind.WEIGHT, features()));
        put(tensors, new Tensor("fc.bias", new long[] {classes}, Kind.BIAS, features()));
        return tensors;
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
