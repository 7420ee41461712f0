package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * oneDNN picks its convolution kernels by CPU, and some are wrong on some CPUs (see {@link Layout}). Every
 * convolution ResNet50 and ResNet18 run on a batch of 16 images of 224 x 224, in the layout the backend chose for
 * this machine (the stem's channels-last on every machine, {@link Layout#STEM}), must compute what
 * libtorch's float64 convolution (its own code, not oneDNN's) computes:
 * the output and both gradients. (A strided 1x1 convolution channels-first runs forward only: training
 * subsamples first there, see {@code TorchNetwork.subsample}.)
 */
class ConvolutionKernelsTest {

    /** in, out, kernel, stride, input height and width: torchvision's resnet50 stem to layer4, then resnet18's own. */
    private static final int[][] CONVOLUTIONS = {
        {3, 64, 7, 2, 224},
        {64, 64, 1, 1, 56}, {64, 64, 3, 1, 56}, {64, 256, 1, 1, 56}, {256, 64, 1, 1, 56},
        {256, 128, 1, 1, 56}, {128, 128, 3, 2, 56}, {128, 512, 1, 1, 28}, {256, 512, 1, 2, 56},
        {256, 512, 1, 1, 28}, {512, 128, 1, 1, 28}, {128, 128, 3, 1, 28},
        {512, 256, 1, 1, 28}, {256, 256, 3, 2, 28}, {256, 1024, 1, 1, 14}, {512, 1024, 1, 2, 28},
        {512, 1024, 1, 1, 14}, {1024, 256, 1, 1, 14}, {256, 256, 3, 1, 14},
        {1024, 512, 1, 1, 14}, {512, 512, 3, 2, 14}, {512, 2048, 1, 1, 7}, {1024, 2048, 1, 2, 14},
        {1024, 2048, 1, 1, 7}, {2048, 512, 1, 1, 7}, {512, 512, 3, 1, 7},
        // what resnet18 adds (the demo's network): its first 3x3 convolution and projection of each stage
        {64, 128, 3, 2, 56}, {64, 128, 1, 2, 56}, {64, 128, 1, 1, 28}, {128, 256, 3, 2, 28}, {128, 256, 1, 2, 28},
        {128, 256, 1, 1, 14}, {256, 512, 3, 2, 14}, {256, 512, 1, 2, 28}, {256, 512, 1, 1, 7},
    };
    private static final int BATCH = 16;

    @Test
    void everyResNetConvolutionMatchesTheFloat64Reference() {
        ResNetBackend backend = Backends.cpu(); // libtorch as the backend starts it
        Layout blocks = backend.activations();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int[] c : CONVOLUTIONS) {
                Layout layout = c == CONVOLUTIONS[0] ? Layout.STEM : blocks;
                try (NDManager scratch = manager.newSubManager()) {
                    double[] errors = relativeErrors(scratch, c, layout);
                    // at once: a wrong kernel may be followed by one that ends the JVM
                    assertTrue(Arrays.stream(errors).allMatch(e -> e < 1e-4), () -> String.format(
                            "%s convolution %d->%d %dx%d stride %d on %dx%d differs from float64 (relative to the largest"
                            + " value): output %.1e, input gradient %.1e, weight gradient %.1e", layout, c[0], c[1],
                            c[2], c[2], c[3], c[4], c[4], errors[0], errors[1], errors[2]));
                }
            }
        } finally {
            backend.close();
        }
    }

    /** The largest difference from float64 of output, input gradient and weight gradient, each over its largest value. */
    private static double[] relativeErrors(NDManager manager, int[] c, Layout layout) {
        int out = (c[4] + 2 * (c[2] / 2) - c[2]) / c[3] + 1;
        PtNDArray x = (PtNDArray) manager.randomNormal(new Shape(BATCH, c[0], c[4], c[4]));
        PtNDArray w = (PtNDArray) manager.randomNormal(new Shape(c[1], c[0], c[2], c[2])).mul(0.05);
        PtNDArray g = (PtNDArray) manager.randomNormal(new Shape(BATCH, c[1], out, out));
        // a strided 1x1 channels-first runs forward only: training subsamples first there
        boolean backward = c[2] > 1 || c[3] == 1 || layout == Layout.CHANNELS_LAST;
        PtNDArray[] single = convolve(layout.apply(x), w, layout.apply(g), c, backward, DataType.FLOAT32);
        PtNDArray[] reference = convolve(x, w, g, c, backward, DataType.FLOAT64);
        double[] errors = new double[3];
        for (int i = 0; i < single.length; i++) {
            errors[i] = single[i].sub(reference[i]).abs().max().getDouble() / reference[i].abs().max().getDouble();
        }
        return errors;
    }

    /** Output, input gradient and weight gradient (for output gradient g), as float64; the output alone without backward. */
    private static PtNDArray[] convolve(PtNDArray x, PtNDArray w, PtNDArray g, int[] c, boolean backward, DataType type) {
        PtNDArray input = JniUtils.clone((PtNDArray) x.toType(type, true));
        PtNDArray weight = JniUtils.clone((PtNDArray) w.toType(type, true));
        input.setRequiresGradient(backward);
        weight.setRequiresGradient(backward);
        JniUtils.setGradMode(backward);
        try {
            PtNDArray y = JniUtils.convolution(input, weight, null, new Shape(c[3], c[3]),
                    new Shape(c[2] / 2, c[2] / 2), new Shape(1, 1), 1);
            if (!backward) {
                return new PtNDArray[] {(PtNDArray) y.toType(DataType.FLOAT64, true)};
            }
            JniUtils.backward(y, (PtNDArray) g.toType(type, true), false, false);
            return new PtNDArray[] {(PtNDArray) y.toType(DataType.FLOAT64, true),
                    (PtNDArray) input.getGradient().toType(DataType.FLOAT64, true),
                    (PtNDArray) weight.getGradient().toType(DataType.FLOAT64, true)};
        } finally {
            JniUtils.setGradMode(false);
        }
    }
}
