package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.StepResult;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.util.tracker.ServiceTracker;

/** libtorch inside Felix: the backend service trains, saves and reloads, and survives a bundle restart. */
class BackendTest {

    private static final NetworkSpec TINY = new NetworkSpec("resnet18", 2, 32, 32);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    NetworkFactory backend;

    @TempDir
    Path dir;

    @Test
    void trainsSavesAndReopensInsideTheFramework() throws Exception {
        Path file = dir.resolve("epoch001.npz");
        Batch batch = batch(8);
        try (Network network = backend.create(TINY, 1)) {
            assertEquals("cpu()", network.device());
            network.setTrainable(List.of("layer4", "fc"));
            network.setOptimizer(1e-3, 1e-4);
            StepResult first = network.trainStep(batch);
            StepResult later = first;
            for (int i = 0; i < 5; i++) {
                later = network.trainStep(batch);
            }
            assertTrue(later.loss() < first.loss(), first.loss() + " -> " + later.loss());
            network.save(new Checkpoint(file, TINY, 1, 1, Map.of("loss", later.loss())));
            assertTrue(Files.exists(dir.resolve("epoch001.json")));
            try (Network copy = backend.open(file)) {
                assertArrayEquals(network.predict(batch)[3], copy.predict(batch)[3]);
            }
        }
    }

    @Test
    void theBackendComesBackAfterItsBundleRestartsWithoutReloadingLibtorch() throws Exception {
        Bundle djl = FrameworkUtil.getBundle(backend.getClass());
        assertEquals("org.mammoflow.djl", djl.getSymbolicName());
        djl.stop();
        djl.start();
        ServiceTracker<NetworkFactory, NetworkFactory> tracker = new ServiceTracker<>(context, NetworkFactory.class,
                null);
        tracker.open();
        try {
            NetworkFactory again = tracker.waitForService(60_000);
            try (Network network = again.create(TINY, 2)) {
                assertEquals(2, network.predict(batch(2))[0].length);
            }
        } finally {
            tracker.close();
        }
    }

    private static Batch batch(int size) {
        SplittableRandom random = new SplittableRandom(5);
        float[] pixels = new float[size * 32 * 32];
        int[] labels = new int[size];
        for (int i = 0; i < pixels.length; i++) {
            int n = i / (32 * 32);
            labels[n] = n % 2;
            pixels[i] = (float) (labels[n] - 0.5 + 0.2 * random.nextGaussian());
        }
        return new Batch(size, 1, 32, 32, pixels, labels, new float[0]);
    }
}
