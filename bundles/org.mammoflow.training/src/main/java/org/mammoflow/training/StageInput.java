package org.mammoflow.training;

import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.StepResult;

/**
 * What a stage's epochs feed the network, and through which of its calls: images through the whole
 * network ({@link ImageInput}), or the frozen layers' cached output through the trainable part
 * ({@link FeatureCache}).
 */
interface StageInput extends AutoCloseable {

    /** The training split, shuffled (and augmented) by {@code seed} for one epoch. */
    BatchSource training(long seed);

    /** The validation split, in order and as is. */
    BatchSource validation();

    StepResult train(Network network, Batch batch);

    float[][] predict(Network network, Batch batch);

    @Override
    default void close() {
    }
}
