package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.ImportedWeights;
import org.mammoflow.api.network.Layer;
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

    /** A head the backend has never heard of, described as values: built, trained, saved and reopened. */
    @Test
    void aDescribedHeadIsBuiltTrainedAndReopenedFromItsSidecar() throws Exception {
        HeadLayers vgg = new HeadLayers("vgg-head", List.of(new Layer.ConvBlock("layer5", 512, 64, 3, true),
                new Layer.ConvBlock("layer6", 64, 64, 3, true)), 0.5);
        NetworkSpec whole = new NetworkSpec("resnet18", 5, 32, 32).withHead(vgg, 256, 192);
        assertEquals("resnet18+vgg-head", whole.architecture());
        assertEquals(List.of("layer5", "layer6", "fc"), vgg.newLayers());
        assertEquals(512, backend.featureChannels(new NetworkSpec("resnet18", 5, 32, 32)));
        Path file = dir.resolve("vgg.npz");
        float[][] before;
        Batch images = new Batch(2, 1, 256, 192, noise(2 * 256 * 192), new int[] {0, 1}, new float[0]);
        try (TorchNetwork network = (TorchNetwork) backend.create(whole, 5)) {
            assertEquals(List.of(64L, 512L, 3L, 3L), dims(network, "layer5.conv.weight"));
            assertEquals(List.of(64L), dims(network, "layer6.bn.running_var"));
            assertEquals(List.of(2L, 64L), dims(network, "fc.weight"));
            network.setTrainable(vgg.newLayers());
            network.setOptimizer(1e-3, 1e-4);
            network.trainStep(images);
            before = network.predict(images);
            network.save(new Checkpoint(file, whole, 1, 1, Map.of()));
        }
        assertEquals(whole, backend.describe(file).spec(), "the head's layers travel in the sidecar");
        try (Network reopened = backend.open(file)) {
            float[][] after = reopened.predict(images);
            assertArrayEquals(before[0], after[0], 1e-6f);
            assertArrayEquals(before[1], after[1], 1e-6f);
        }
    }

    /** The ResNet head described as values is the network that its old name stood for, tensor for tensor. */
    @Test
    void theDescribedResNetHeadEqualsTheOneNamedTheOldWay() {
        List<Layer> blocks = new java.util.ArrayList<>();
        int in = 512;
        for (String layer : List.of("layer5", "layer6")) {
            blocks.add(new Layer.Bottleneck(layer + ".0", in, 512, 1024, 2, true));
            blocks.add(new Layer.Bottleneck(layer + ".1", 1024, 512, 1024, 1, true));
            in = 1024;
        }
        NetworkSpec described = new NetworkSpec("resnet18", 5, 32, 32)
                .withHead(new HeadLayers("resnet-head", blocks, 0.5), 64, 64);
        Architecture a = Architecture.of(described);
        Architecture b = Architecture.of(new NetworkSpec("resnet18+resnet-head", 2, 64, 64));
        assertEquals(b.blocks(), a.blocks());
        assertEquals(b.dropout(), a.dropout());
        assertEquals(b.tensors().keySet(), a.tensors().keySet());
    }

    private static float[] noise(int n) {
        java.util.Random random = new java.util.Random(3);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static List<Long> dims(TorchNetwork network, String name) {
        return java.util.Arrays.stream(network.tensors().get(name).getShape().getShape()).boxed().toList();
    }
}
