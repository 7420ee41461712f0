package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * oneDNN picks its convolution kernels by CPU, and some are wrong on some CPUs (see {@link Layout}). Every
 * convolution ResNet50 and ResNet18 run on a batch of 16 images of 224 x 224, in the layout the backend chose for
 * this machine (the stem's channels-last on every machine, {@link Layout#STEM}), must compute what
 * libtorch's float64 convolution (its own code, not oneDNN's) computes: the output and both gradients
 * ({@link KernelCheck}, which the backend runs on a few small ones whenever it starts).
 */
class ConvolutionKernelsTest {

    /** torchvision's resnet50 stem to layer4, then resnet18's own. */
    private static final KernelCheck.Convolution[] CONVOLUTIONS = {
        c(3, 64, 7, 2, 224),
        c(64, 64, 1, 1, 56), c(64, 64, 3, 1, 56), c(64, 256, 1, 1, 56), c(256, 64, 1, 1, 56),
        c(256, 128, 1, 1, 56), c(128, 128, 3, 2, 56), c(128, 512, 1, 1, 28), c(256, 512, 1, 2, 56),
        c(256, 512, 1, 1, 28), c(512, 128, 1, 1, 28), c(128, 128, 3, 1, 28),
        c(512, 256, 1, 1, 28), c(256, 256, 3, 2, 28), c(256, 1024, 1, 1, 14), c(512, 1024, 1, 2, 28),
        c(512, 1024, 1, 1, 14), c(1024, 256, 1, 1, 14), c(256, 256, 3, 1, 14),
        c(1024, 512, 1, 1, 14), c(512, 512, 3, 2, 14), c(512, 2048, 1, 1, 7), c(1024, 2048, 1, 2, 14),
        c(1024, 2048, 1, 1, 7), c(2048, 512, 1, 1, 7), c(512, 512, 3, 1, 7),
        // what resnet18 adds (the demo's network): its first 3x3 convolution and projection of each stage
        c(64, 128, 3, 2, 56), c(64, 128, 1, 2, 56), c(64, 128, 1, 1, 28), c(128, 256, 3, 2, 28), c(128, 256, 1, 2, 28),
        c(128, 256, 1, 1, 14), c(256, 512, 3, 2, 14), c(256, 512, 1, 2, 28), c(256, 512, 1, 1, 7),
    };
    private static final int BATCH = 16;

    @Test
    void everyResNetConvolutionMatchesTheFloat64Reference() {
        ResNetBackend backend = Backends.cpu(); // libtorch as the backend starts it
        Layout blocks = backend.activations();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            for (KernelCheck.Convolution c : CONVOLUTIONS) {
                Layout layout = c == CONVOLUTIONS[0] ? Layout.STEM : blocks;
                try (NDManager scratch = manager.newSubManager()) {
                    // at once: a wrong kernel may be followed by one that ends the JVM
                    KernelCheck.Errors errors = KernelCheck.errors(scratch, c, layout, BATCH);
                    assertTrue(errors.largest() < 1e-4, () -> layout + " convolution " + c
                            + " differs from float64 (relative to the largest value): " + errors);
                }
            }
        } finally {
            backend.close();
        }
    }

    private static KernelCheck.Convolution c(int in, int out, int kernel, int stride, int size) {
        return new KernelCheck.Convolution(in, out, kernel, stride, size);
    }
}
