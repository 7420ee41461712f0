package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.ImportedWeights;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

/** The whole-image head: two bottleneck blocks [512-512-1024] x 2 on the patch network, 2 classes. */
class WholeImageHeadTest {

    private static ResNetBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = Backends.cpu();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void headAddsLayer5And6WithProjectionShortcutsAndATwoClassFc() {
        try (TorchNetwork network = (TorchNetwork) backend.create(new NetworkSpec("resnet50+resnet-head", 2, 64, 64), 1)) {
            List<String> names = network.parameterNames();
            assertTrue(names.containsAll(List.of("layer4.2.conv3.weight", "layer5.0.conv1.weight",
                    "layer5.0.downsample.0.weight", "layer6.1.conv3.weight")), names.toString());
            assertEquals(List.of(512L, 2048L, 1L, 1L), dims(network, "layer5.0.conv1.weight"));
            assertEquals(List.of(1024L, 2048L, 1L, 1L), dims(network, "layer5.0.downsample.0.weight"));
            assertEquals(List.of(1024L, 512L, 1L, 1L), dims(network, "layer6.1.conv3.weight"));
            assertEquals(List.of(2L, 1024L), dims(network, "fc.weight"));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("layer6.1.downsample")));
        }
    }

    @Test
    void outputsTwoProbabilitiesPerImageAndStartsFromAPatchCheckpoint() throws Exception {
        NetworkSpec patch = new NetworkSpec("resnet18", 5, 32, 32);
        Path file = dir.resolve("patch.npz");
        try (Network network = backend.create(patch, 3)) {
            network.save(new Checkpoint(file, patch, 3, 1, Map.of()));
        }
        NetworkSpec whole = new NetworkSpec("resnet18+resnet-head", 2, 96, 64);
        try (Network network = backend.create(whole, 4)) {
            ImportedWeights imported = backend.importWeights(network, file);
            assertTrue(imported.loaded().contains("layer4.1.conv2.weight"));
            assertTrue(imported.skipped().contains("fc.weight: shape (5, 512) in the file, (2, 1024) here"),
                    imported.skipped().toString());
            assertTrue(imported.skipped().contains("layer5.0.conv1.weight: not in the file"));
            float[][] p = network.predict(Batch.of(3, 1, 96, 64, new float[3 * 96 * 64]));
            assertEquals(3, p.length);
            assertEquals(2, p[0].length);
            assertEquals(1f, p[0][0] + p[0][1], 1e-5);
            network.setTrainable(List.of("layer5", "layer6", "fc"));
            network.setOptimizer(1e-4, 1e-4);
            network.trainStep(new Batch(2, 1, 96, 64, new float[2 * 96 * 64], new int[] {0, 1}, new float[0]));
        }
    }

    private static List<Long> dims(TorchNetwork network, String name) {
        return java.util.Arrays.stream(network.tensors().get(name).getShape().getShape()).boxed().toList();
    }
}
