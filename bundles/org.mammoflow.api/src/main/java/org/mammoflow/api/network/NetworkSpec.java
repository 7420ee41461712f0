package org.mammoflow.api.network;

import java.util.Objects;
import java.util.Optional;

/**
 * What network to build: an architecture name ({@code resnet50}, {@code resnet18}, or a whole-image
 * network such as {@code resnet50+resnet-head}), the number of output classes, the input size, and,
 * for a whole-image network, the layers of its head, which the backend builds as described.
 */
public record NetworkSpec(String architecture, int classes, int height, int width, Optional<HeadLayers> head) {

    public NetworkSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(head, "head");
        if (head.isPresent() && !architecture.endsWith("+" + head.get().name())) {
            throw new IllegalArgumentException("architecture " + architecture + " does not name its head "
                    + head.get().name());
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + height + " x " + width);
        }
    }

    /** A network without a head description: a patch network, or a whole-image one named the old way. */
    public NetworkSpec(String architecture, int classes, int height, int width) {
        this(architecture, classes, height, width, Optional.empty());
    }

    /** The whole-image network: this patch network topped by the head, for 2 classes at this size. */
    public NetworkSpec withHead(HeadLayers layers, int newHeight, int newWidth) {
        if (head.isPresent() || architecture.contains("+")) {
            throw new IllegalArgumentException(architecture + " is already a whole-image network");
        }
        return new NetworkSpec(architecture + "+" + layers.name(), 2, newHeight, newWidth, Optional.of(layers));
    }

    /** The 5-class ResNet50 patch classifier of the paper on 224 x 224 patches. */
    public static NetworkSpec patchResNet50() {
        return new NetworkSpec("resnet50", 5, 224, 224);
    }
}
