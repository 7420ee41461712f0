package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Adam with L2 weight decay added to the gradient (PyTorch's {@code torch.optim.Adam}), one fused
 * libtorch update per parameter. Its moments are part of a checkpoint, under {@value #PREFIX}.
 */
final class Adam {

    static final String PREFIX = "optimizer.";
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final NDManager manager;
    private final Map<String, PtNDArray> mean = new HashMap<>();
    private final Map<String, PtNDArray> variance = new HashMap<>();
    private long steps;
    private double learningRate = 1e-3;
    private double weightDecay;

    Adam(NDManager manager) {
        this.manager = manager;
    }

    void reset(double newLearningRate, double newWeightDecay) {
        if (newWeightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + newWeightDecay);
        }
        setLearningRate(newLearningRate);
        clear();
        weightDecay = newWeightDecay;
    }

    void setLearningRate(double newLearningRate) {
        if (!(newLearningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + newLearningRate);
        }
        learningRate = newLearningRate;
    }

    void clear() {
        mean.values().forEach(NDArray::close);
        variance.values().forEach(NDArray::close);
        mean.clear();
        variance.clear();
        steps = 0;
    }

    /** Updates every parameter that has a gradient, then clears the gradients. */
    void step(List<Map.Entry<String, PtNDArray>> parameters, NDManager scratch) {
        steps++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        float rate = (float) (learningRate * correction);
        for (Map.Entry<String, PtNDArray> entry : parameters) {
            PtNDArray weight = entry.getValue();
            PtNDArray gradient = JniUtils.getGradient(weight);
            gradient.attach(scratch);
            PtNDArray m = mean.computeIfAbsent(entry.getKey(), k -> zerosLike(weight));
            PtNDArray v = variance.computeIfAbsent(entry.getKey(), k -> zerosLike(weight));
            JniUtils.adamUpdate(weight, gradient, m, v, rate, (float) learningRate, (float) weightDecay, 1f, -1f,
                    BETA1, BETA2, EPSILON, false);
            JniUtils.zeroGrad(weight);
        }
    }

    void addState(Map<String, NDArray> state) {
        mean.forEach((name, m) -> state.put(PREFIX + "mean." + name, m));
        variance.forEach((name, v) -> state.put(PREFIX + "variance." + name, v));
        state.put(PREFIX + "hyper", manager.create(new double[] {steps, learningRate, weightDecay}));
    }

    /** Takes the moments and hyper-parameters saved by {@link #addState}, if the file has them. */
    void restore(Map<String, NDArray> state, Path source) throws IOException {
        NDArray hyper = state.get(PREFIX + "hyper");
        if (hyper == null) {
            return;
        }
        double[] values = hyper.toType(DataType.FLOAT64, false).toDoubleArray();
        if (values.length != 3) {
            throw new IOException(source + ": optimizer state has " + values.length + " values, expected 3");
        }
        clear();
        steps = (long) values[0];
        learningRate = values[1];
        weightDecay = values[2];
        state.forEach((name, array) -> {
            if (name.startsWith(PREFIX + "mean.")) {
                mean.put(name.substring((PREFIX + "mean.").length()), TorchNetwork.owned(array, manager));
            } else if (name.startsWith(PREFIX + "variance.")) {
                variance.put(name.substring((PREFIX + "variance.").length()), TorchNetwork.owned(array, manager));
            }
        });
    }

    private PtNDArray zerosLike(PtNDArray weight) {
        return (PtNDArray) manager.zeros(weight.getShape(), weight.getDataType());
    }
}
