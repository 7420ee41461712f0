package org.mammoflow.api.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A network held by a backend. Parameter names follow torchvision ({@code conv1.weight},
 * {@code layer4.2.conv3.weight}, {@code fc.bias}), so trainable sets are named by prefix.
 */
@ProviderType
public interface Network extends AutoCloseable {

    NetworkSpec spec();

    /** Where it computes, such as {@code cpu()} or {@code gpu(0)}. */
    String device();

    /** The number format its convolutions and matrix products compute in (its weights are float32 in either). */
    Precision precision();

    /** Every parameter name, in the network's order. */
    List<String> parameterNames();

    /**
     * Trains only parameters whose names start with one of {@code prefixes} (all when empty). Frozen
     * BatchNorm layers keep their running statistics.
     */
    void setTrainable(List<String> prefixes);

    /**
     * A fresh Adam optimizer (moments cleared) with this learning rate and L2 weight decay for the
     * following steps, as a new stage of a schedule starts.
     */
    void setOptimizer(double learningRate, double weightDecay);

    /** The learning rate of the following steps, the optimizer's moments kept: a schedule within a stage. */
    void setLearningRate(double learningRate);

    /**
     * Seeds the random draws of the following training steps (dropout masks), so that a run is
     * repeatable: the same seed, weights and batches give the same steps.
     */
    void seed(long seed);

    /** One forward, backward and optimizer step on a labelled batch. */
    StepResult trainStep(Batch batch);

    /**
     * What the frozen layers in front of the first trainable one compute for these images, in
     * inference mode: a batch of feature maps (NCHW, labels and weights carried over) that
     * {@link #trainStepOnFeatures} and {@link #predictFeatures} take while the trainable set stays
     * the same. Since those layers do not change, their output can be computed once and cached.
     *
     * @throws IllegalStateException when the network's first layer trains (nothing is frozen in front)
     */
    Batch frozenFeatures(Batch images);

    /** {@link #trainStep} on feature maps from {@link #frozenFeatures}: only the trainable part computes. */
    StepResult trainStepOnFeatures(Batch features);

    /** {@link #predict} on feature maps from {@link #frozenFeatures}. */
    float[][] predictFeatures(Batch features);

    /** Class probabilities, one row per sample of the batch (inference mode). */
    float[][] predict(Batch batch);

    /** Saves weights and optimizer state atomically, with a JSON sidecar describing them. */
    void save(Checkpoint checkpoint) throws IOException;

    /**
     * Saves the weights alone (BatchNorm statistics included), as {@link #save} does otherwise: what
     * inference and a later network's initial weights need, without the optimizer's moments, which
     * make a checkpoint three times larger.
     */
    void saveWeights(Checkpoint checkpoint) throws IOException;

    /**
     * Loads weights, and the optimizer state with its learning rate when present, saved by
     * {@link #save}; a file that is incomplete, altered or of another architecture is refused.
     */
    void load(Path file) throws IOException;

    @Override
    void close();
}
