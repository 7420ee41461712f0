package org.mammoflow.api.network;

/**
 * What network to build: an architecture name ({@code resnet50}, {@code resnet18}, or a whole-image
 * variant such as {@code resnet50+resnet-head}), the number of output classes and the input size.
 */
public record NetworkSpec(String architecture, int classes, int height, int width) {

    public NetworkSpec {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + height + " x " + width);
        }
    }

    /** The 5-class ResNet50 patch classifier of the paper on 224 x 224 patches. */
    public static NetworkSpec patchResNet50() {
        return new NetworkSpec("resnet50", 5, 224, 224);
    }
}
