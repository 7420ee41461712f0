package org.mammoflow.djl;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Whether this machine's convolution kernels compute what libtorch's float64 convolution (its own code,
 * not oneDNN's) computes: the output and both gradients. oneDNN picks its kernels by CPU, and some were
 * wrong on some CPUs (see {@link Layout}), so the backend runs {@link #AT_START} on every start, on the
 * user's machine, before any network computes. Inputs come from a generator of their own: libtorch's
 * global one, which seeds nothing of ours, is left as it was.
 */
final class KernelCheck {

    /** A convolution without bias: channels in and out, a square kernel, its stride, and a square input. */
    record Convolution(int in, int out, int kernel, int stride, int size) {

        int outputSize() {
            return (size + 2 * (kernel / 2) - kernel) / stride + 1;
        }

        @Override
        public String toString() {
            return in + "->" + out + " " + kernel + "x" + kernel + " stride " + stride + " on " + size + "x" + size;
        }
    }

    /** The largest difference from float64 of the output and the two gradients, each relative to its largest value. */
    record Errors(double output, double inputGradient, double weightGradient) {

        double largest() {
            return Math.max(output, Math.max(inputGradient, weightGradient));
        }

        @Override
        public String toString() {
            return String.format("output %.1e, input gradient %.1e, weight gradient %.1e", output, inputGradient,
                    weightGradient);
        }
    }

    /**
     * What the backend checks when it starts: the kinds ResNet50 runs (1x1 widening and narrowing, 3x3,
     * strided 3x3 and 1x1, from the channels of layer1 to layer3) on small inputs: 340-394 ms on two cores
     * (docs/benchmarks.md), most of it oneDNN building kernels the networks build anyway. First the 1x1 convolution from
     * 128 to 512 channels: with oneDNN's one-byte cache record its output was off by half its largest value.
     */
    static final List<Convolution> AT_START = List.of(
            new Convolution(128, 512, 1, 1, 28), new Convolution(256, 512, 1, 1, 14),
            new Convolution(64, 256, 1, 1, 28), new Convolution(256, 64, 1, 1, 28),
            new Convolution(64, 64, 3, 1, 28), new Convolution(128, 128, 3, 2, 28),
            new Convolution(256, 512, 1, 2, 28));
    static final int BATCH_AT_START = 2;

    private KernelCheck() {
    }

    /**
     * A number format a convolution is checked in: how its inputs go into it, and its results back to
     * float64 (bfloat16 goes through {@link Bfloat16Casts}).
     */
    record Format(String name, UnaryOperator<PtNDArray> into, UnaryOperator<PtNDArray> toFloat64) {

        static final Format FLOAT32 = of(DataType.FLOAT32);
        static final Format FLOAT64 = of(DataType.FLOAT64);

        static Format bfloat16(Bfloat16Casts casts) {
            return new Format("bfloat16", casts::toBfloat16, x -> FLOAT64.into().apply(casts.toFloat32(x)));
        }

        private static Format of(DataType type) {
            return new Format(type.toString(), x -> (PtNDArray) x.toType(type, true),
                    x -> (PtNDArray) x.toType(DataType.FLOAT64, true));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The first float32 convolution whose errors exceed the tolerance in this layout, described; empty when all agree. */
    static Optional<String> disagreement(NDManager manager, Layout layout, List<Convolution> convolutions, int batch,
            double tolerance) {
        return disagreement(manager, layout, Format.FLOAT32, convolutions, batch, tolerance);
    }

    /**
     * The first convolution computed in {@code format} (float32, or bfloat16 whose inputs are rounded to 8
     * significant bits) whose errors exceed the tolerance in this layout, described; empty when all agree.
     */
    static Optional<String> disagreement(NDManager manager, Layout layout, Format format, List<Convolution> convolutions,
            int batch, double tolerance) {
        for (Convolution c : convolutions) {
            try (NDManager scratch = manager.newSubManager()) {
                Errors errors = errors(scratch, c, layout, format, batch);
                if (!(errors.largest() <= tolerance)) { // NaN disagrees too
                    String kind = format == Format.FLOAT32 ? "" : " " + format; // float32 goes without saying
                    return Optional.of(layout + kind + " convolution " + c + " differs from float64 by more than "
                            + tolerance + " of its largest value: " + errors);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The errors of one convolution on a batch in this layout. A strided 1x1 convolution channels-first
     * runs forward only: training subsamples first there (see {@code TorchNetwork.subsample}).
     */
    static Errors errors(NDManager manager, Convolution c, Layout layout, int batch) {
        return errors(manager, c, layout, Format.FLOAT32, batch);
    }

    /** The errors of one convolution computed in {@code format} on a batch in this layout. */
    static Errors errors(NDManager manager, Convolution c, Layout layout, Format format, int batch) {
        SplittableRandom random = new SplittableRandom(c.hashCode());
        PtNDArray x = normal(manager, random, 1, batch, c.in(), c.size(), c.size());
        PtNDArray w = normal(manager, random, 0.05, c.out(), c.in(), c.kernel(), c.kernel());
        PtNDArray g = normal(manager, random, 1, batch, c.out(), c.outputSize(), c.outputSize());
        boolean backward = c.kernel() > 1 || c.stride() == 1 || layout == Layout.CHANNELS_LAST;
        PtNDArray[] single = convolve(layout.apply(x), w, layout.apply(g), c, backward, format);
        PtNDArray[] reference = convolve(x, w, g, c, backward, Format.FLOAT64);
        double[] errors = new double[3];
        for (int i = 0; i < single.length; i++) {
            errors[i] = single[i].sub(reference[i]).abs().max().getDouble() / reference[i].abs().max().getDouble();
        }
        return new Errors(errors[0], errors[1], errors[2]);
    }

    private static PtNDArray normal(NDManager manager, SplittableRandom random, double scale, long... dimensions) {
        Shape shape = new Shape(dimensions);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * random.nextGaussian());
        }
        return (PtNDArray) manager.create(values, shape);
    }

    /** Output, input gradient and weight gradient (for output gradient g), as float64; the output alone without backward. */
    private static PtNDArray[] convolve(PtNDArray x, PtNDArray w, PtNDArray g, Convolution c, boolean backward,
            Format format) {
        PtNDArray input = JniUtils.clone(format.into().apply(x));
        PtNDArray weight = JniUtils.clone(format.into().apply(w));
        input.setRequiresGradient(backward);
        weight.setRequiresGradient(backward);
        JniUtils.setGradMode(backward);
        try {
            PtNDArray y = JniUtils.convolution(input, weight, null, new Shape(c.stride(), c.stride()),
                    new Shape(c.kernel() / 2, c.kernel() / 2), new Shape(1, 1), 1);
            if (!backward) {
                return new PtNDArray[] {format.toFloat64().apply(y)};
            }
            JniUtils.backward(y, format.into().apply(g), false, false);
            return new PtNDArray[] {format.toFloat64().apply(y), format.toFloat64().apply(input.getGradient()),
                    format.toFloat64().apply(weight.getGradient())};
        } finally {
            JniUtils.setGradMode(false);
        }
    }
}
