package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

/**
 * Training the new layers on the frozen layers' output (the feature cache's path) computes what the
 * whole network computes, and a seeded network repeats its dropout draws.
 */
class FrozenFeaturesTest {

    private static final NetworkSpec WHOLE = new NetworkSpec("resnet18+resnet-head", 2, 96, 64);
    private static ResNetBackend backend;

    @BeforeAll
    static void start() {
        backend = Backends.cpu();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void featuresOfTheFrozenLayersGiveTheWholeNetworksPredictions() {
        try (Network network = backend.create(WHOLE, 5)) {
            network.setTrainable(List.of("layer5", "layer6", "fc"));
            Batch images = images(3, 1);
            Batch features = network.frozenFeatures(images);
            assertEquals(3, features.size());
            assertEquals(512, features.channels()); // ResNet18's layer4, stride 32
            assertEquals(3, features.height());
            assertEquals(2, features.width());
            float[][] whole = network.predict(images);
            float[][] head = network.predictFeatures(features);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(whole[i], head[i], 1e-5f);
            }
        }
    }

    @Test
    void trainingOnFeaturesMovesOnlyTheTrainableLayersAndLowersTheLoss() {
        try (Network network = backend.create(WHOLE, 5)) {
            network.setTrainable(List.of("layer6", "fc"));
            network.setOptimizer(1e-3, 0);
            Batch features = network.frozenFeatures(images(4, 2));
            float[][] before = network.predict(images(4, 2));
            double first = network.trainStepOnFeatures(features).loss();
            double last = first;
            for (int i = 0; i < 15; i++) {
                last = network.trainStepOnFeatures(features).loss();
            }
            assertTrue(last < first, first + " -> " + last);
            Batch again = network.frozenFeatures(images(4, 2)); // layer5 and below did not change
            assertArrayEquals(features.pixels(), again.pixels(), 0f);
            assertNotEquals(before[0][0], network.predict(images(4, 2))[0][0]);
        }
    }

    @Test
    void theSameSeedRepeatsDropoutAndAnotherDrawsOtherMasks() {
        List<Double> a = losses(11);
        assertEquals(a, losses(11));
        assertNotEquals(a, losses(12));
    }

    @Test
    void aNetworkWhoseFirstLayerTrainsHasNoFrozenFeatures() {
        try (Network network = backend.create(WHOLE, 5)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> network.frozenFeatures(images(1, 1)));
            assertTrue(e.getMessage().contains("no frozen layers"), e.getMessage());
            network.setTrainable(List.of("layer5", "layer6", "fc"));
            Batch wrong = new Batch(1, 256, 3, 2, new float[256 * 6], new int[] {0}, new float[0]);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> network.trainStepOnFeatures(wrong));
            assertTrue(shape.getMessage().contains("layer5.0"), shape.getMessage());
        }
    }

    private static List<Double> losses(long seed) {
        try (Network network = backend.create(WHOLE, 5)) {
            network.setTrainable(List.of("layer5", "layer6", "fc"));
            network.setOptimizer(1e-4, 1e-4);
            network.seed(seed);
            Batch features = network.frozenFeatures(images(4, 3));
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                losses.add(network.trainStepOnFeatures(features).loss());
            }
            return losses;
        }
    }

    private static Batch images(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[n * 96 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return new Batch(n, 1, 96, 64, pixels, labels, new float[0]);
    }
}
