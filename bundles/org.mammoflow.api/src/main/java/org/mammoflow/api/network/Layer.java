package org.mammoflow.api.network;

/**
 * A block of layers as a value: what the method's networks are made of, and what a head describes
 * for the backend to build. Each names its parameters the way torchvision does ({@code NAME.conv1.weight},
 * {@code NAME.bn1.running_mean}, ...), so that weights move between networks, files and PyTorch by name.
 * Convolutions have no bias; every convolution is followed by its BatchNorm.
 */
public sealed interface Layer permits Layer.Bottleneck, Layer.Basic, Layer.ConvBlock {

    /** The parameter-name prefix, for example {@code layer5.0}. */
    String name();

    /** Input channels. */
    int in();

    /** Output channels. */
    int out();

    /**
     * torchvision's Bottleneck: 1x1 conv to {@code width}, 3x3 conv (with the stride), 1x1 conv to
     * {@code out}, each with BatchNorm, ReLU between; a projection shortcut ({@code downsample}) where
     * the shape changes. With {@code startsAsShortcut}, the last BatchNorm's scale starts at 0
     * (zero_init_residual), so that the block first passes its shortcut on.
     */
    record Bottleneck(String name, int in, int width, int out, int stride, boolean startsAsShortcut) implements Layer {
        public Bottleneck {
            check(name, in, out);
            positive("width", width);
            positive("stride", stride);
        }

        public boolean projects() {
            return stride != 1 || in != out;
        }
    }

    /** torchvision's BasicBlock: two 3x3 convs with BatchNorm (the first with the stride), a shortcut as above. */
    record Basic(String name, int in, int out, int stride, boolean startsAsShortcut) implements Layer {
        public Basic {
            check(name, in, out);
            positive("stride", stride);
        }

        public boolean projects() {
            return stride != 1 || in != out;
        }
    }

    /**
     * A VGG-style unit: a {@code kernel} x {@code kernel} convolution (stride 1, same padding) named
     * {@code NAME.conv}, BatchNorm {@code NAME.bn}, ReLU, then, with {@code pool}, 2 x 2 max pooling
     * with stride 2.
     */
    record ConvBlock(String name, int in, int out, int kernel, boolean pool) implements Layer {
        public ConvBlock {
            check(name, in, out);
            if (kernel < 1 || kernel % 2 == 0) {
                throw new IllegalArgumentException(name + ": kernel must be odd and positive, got " + kernel);
            }
        }
    }

    private static void check(String name, int in, int out) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*") || name.startsWith("fc")) {
            throw new IllegalArgumentException("a layer name is a dotted identifier other than fc, got " + name);
        }
        positive(name + ": in", in);
        positive(name + ": out", out);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
