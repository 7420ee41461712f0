package org.mammoflow.api.training;

import java.util.List;

/**
 * One stage of a schedule: which parameters train (name prefixes, empty = all), Adam's learning
 * rate and weight decay, how many epochs, and the batch size.
 */
public record Stage(String name, List<String> trainable, double learningRate, double weightDecay, int epochs,
        int batchSize) {

    public Stage {
        trainable = List.copyOf(trainable);
        if (learningRate <= 0) {
            throw new IllegalArgumentException("stage " + name + ": learning rate must be positive");
        }
        if (epochs < 0 || batchSize <= 0) {
            throw new IllegalArgumentException("stage " + name + ": epochs >= 0 and batch size > 0 required");
        }
    }

    public Stage withEpochs(int newEpochs) {
        return new Stage(name, trainable, learningRate, weightDecay, newEpochs, batchSize);
    }

    public Stage withBatchSize(int newBatchSize) {
        return new Stage(name, trainable, learningRate, weightDecay, epochs, newBatchSize);
    }
}
