package org.mammoflow.api.training;

import java.util.List;
import java.util.Objects;

/**
 * One stage of a schedule: which parameters train (name prefixes, empty = all), Adam's learning
 * rate, how it decays over the stage, weight decay, how many epochs, and the batch size.
 */
public record Stage(String name, List<String> trainable, double learningRate, Decay decay, double weightDecay,
        int epochs, int batchSize) {

    /** How the learning rate moves within a stage. */
    public enum Decay {
        /** The stage's rate for every step, as the paper trains. */
        CONSTANT,
        /**
         * Half a cosine from the stage's rate towards 0 over its steps, so that a short stage ends on
         * small steps (Loshchilov and Hutter's SGDR without restarts).
         */
        COSINE,
        /**
         * A linear rise from near 0 to the stage's rate over its first tenth of steps, then {@link #COSINE}'s
         * fall over the rest: weights trained from random values take large steps only once Adam's moment
         * estimates have settled (Goyal et al.'s gradual warm-up).
         */
        WARMUP_COSINE
    }

    /** The share of a {@link Decay#WARMUP_COSINE} stage's steps spent rising to its rate. */
    public static final double WARMUP_SHARE = 0.1;

    public Stage {
        trainable = List.copyOf(trainable);
        Objects.requireNonNull(decay, "decay");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("stage " + name + ": learning rate must be positive");
        }
        if (epochs < 0 || batchSize <= 0) {
            throw new IllegalArgumentException("stage " + name + ": epochs >= 0 and batch size > 0 required");
        }
    }

    /** A stage with a constant learning rate. */
    public Stage(String name, List<String> trainable, double learningRate, double weightDecay, int epochs,
            int batchSize) {
        this(name, trainable, learningRate, Decay.CONSTANT, weightDecay, epochs, batchSize);
    }

    /**
     * The learning rate of one step: {@code batch} (from 0) of {@code epoch} (from 1), an epoch having
     * {@code batches} steps. It depends on nothing else, so a resumed stage steps as an uninterrupted one.
     */
    public double learningRateAt(int epoch, int batch, int batches) {
        if (decay == Decay.CONSTANT) {
            return learningRate;
        }
        double steps = (double) epochs * batches;
        double step = (epoch - 1) * (double) batches + batch;
        double warmup = decay == Decay.WARMUP_COSINE ? Math.max(1, Math.floor(WARMUP_SHARE * steps)) : 0;
        if (step < warmup) {
            return learningRate * (step + 1) / warmup;
        }
        double peak = Math.max(0, warmup - 1); // the step at the stage's rate, where the cosine starts
        double done = (step - peak) / (steps - peak);
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, done)));
    }

    public Stage withTrainable(List<String> newTrainable) {
        return new Stage(name, newTrainable, learningRate, decay, weightDecay, epochs, batchSize);
    }

    public Stage withLearningRate(double newLearningRate, Decay newDecay) {
        return new Stage(name, trainable, newLearningRate, newDecay, weightDecay, epochs, batchSize);
    }

    public Stage withEpochs(int newEpochs) {
        return new Stage(name, trainable, learningRate, decay, weightDecay, newEpochs, batchSize);
    }

    public Stage withBatchSize(int newBatchSize) {
        return new Stage(name, trainable, learningRate, decay, weightDecay, epochs, newBatchSize);
    }
}
