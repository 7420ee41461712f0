package org.mammoflow.training;

import java.util.concurrent.ExecutorService;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.StepResult;

/** Images decoded (and augmented afresh each epoch) ahead of the network, which computes every layer. */
record ImageInput(TrainingData data, int batchSize, int width, int height, Augmentation.Kind augment, int prefetch,
        ImageFiles files, ExecutorService executor) implements StageInput {

    @Override
    public BatchSource training(long seed) {
        return new BatchStream(data.train(), data.classes(),
                new BatchStream.Plan(batchSize, width, height, true, augment, seed, prefetch), files, executor);
    }

    @Override
    public BatchSource validation() {
        return new BatchStream(data.validation(), data.classes(),
                new BatchStream.Plan(batchSize, width, height, false, Augmentation.Kind.NONE, 0, prefetch), files, executor);
    }

    @Override
    public StepResult train(Network network, Batch batch) {
        return network.trainStep(batch);
    }

    @Override
    public float[][] predict(Network network, Batch batch) {
        return network.predict(batch);
    }
}
