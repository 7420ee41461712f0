package org.mammoflow.djl;

import org.mammoflow.api.network.Layer;
import org.mammoflow.api.network.NetworkSpec;

/**
 * Multiply-adds of a network's forward pass on one image, from its layers: what a measured speed is turned
 * into GFLOP/s by (two floating-point operations each). A training step counts three forward passes, the
 * usual estimate: the forward pass, the gradients of the inputs and those of the weights. BatchNorm, ReLU
 * and pooling are left out (under 1% of ResNet50's).
 */
final class MultiplyAdds {

    private MultiplyAdds() {
    }

    /** Of one image's forward pass through the network {@code spec} describes. */
    static long forward(NetworkSpec spec) {
        Architecture architecture = Architecture.of(spec);
        long h = spec.height() / 2;
        long w = spec.width() / 2;
        long total = h * w * 7 * 7 * 3 * 64; // the stem's convolution, stride 2
        h /= 2; // max pooling, stride 2
        w /= 2;
        for (Layer block : architecture.blocks()) {
            if (block instanceof Layer.ConvBlock c) {
                total += h * w * c.kernel() * c.kernel() * c.in() * c.out();
                h = c.pool() ? h / 2 : h;
                w = c.pool() ? w / 2 : w;
                continue;
            }
            int stride = block instanceof Layer.Bottleneck b ? b.stride() : ((Layer.Basic) block).stride();
            boolean projects = block instanceof Layer.Bottleneck b ? b.projects() : ((Layer.Basic) block).projects();
            long oh = h / stride;
            long ow = w / stride;
            if (block instanceof Layer.Bottleneck b) {
                total += h * w * b.in() * b.width() + oh * ow * (9L * b.width() * b.width() + (long) b.width() * b.out());
            } else {
                total += oh * ow * 9L * ((long) block.in() * block.out() + (long) block.out() * block.out());
            }
            total += projects ? oh * ow * block.in() * block.out() : 0;
            h = oh;
            w = ow;
        }
        return total + (long) architecture.features() * spec.classes();
    }

    /** GFLOP/s of {@code imagesPerSecond} images through the network: forward only, or training (three passes). */
    static double gflops(NetworkSpec spec, double imagesPerSecond, boolean training) {
        return 2.0 * forward(spec) * (training ? 3 : 1) * imagesPerSecond / 1e9;
    }
}
