package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.StepResult;

class ResNetBackendTest {

    private static final NetworkSpec TINY = new NetworkSpec("resnet18", 2, 32, 32);
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
    void aBackendThatCannotStartLogsWhy() {
        List<String> errors = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResNetBackend(Backends.config("gpu:7"), note -> { }, warning -> { }, errors::add));
        assertEquals(List.of("the network backend did not start: " + e.getMessage()), errors);
        assertTrue(e.getMessage().startsWith("device gpu:7: libtorch"), e.getMessage());
    }

    @Test
    void aKeptBlockSizeOutOfRangeIsRefusedByName() {
        for (int mib : new int[] {0, 65}) {
            List<String> errors = new ArrayList<>();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ResNetBackend(Backends.config("cpu", mib), note -> { }, warning -> { }, errors::add));
            assertEquals("setting largestKeptBlockMib of org.mammoflow.djl is " + mib + ": it must be 1 to 64 (MiB)",
                    e.getMessage());
            assertEquals(1, errors.size());
        }
    }

    @Test
    void resnet50HasTorchvisionsParameters() {
        try (Network network = backend.create(new NetworkSpec("resnet50", 1000, 224, 224), 1)) {
            List<String> names = network.parameterNames();
            assertEquals(161, names.size());
            assertEquals("conv1.weight", names.get(0));
            assertEquals("fc.bias", names.get(names.size() - 1));
            assertTrue(names.contains("layer4.2.conv3.weight"));
            assertTrue(names.contains("layer2.0.downsample.0.weight"));
            assertTrue(names.stream().noneMatch(n -> n.matches(".*(conv\\d|downsample\\.0)\\.bias")), "no conv bias");
            long count = names.stream().mapToLong(n -> ((TorchNetwork) network).tensors().get(n).size()).sum();
            assertEquals(25_557_032L, count, "torchvision's ResNet50 has 25,557,032 parameters");
        }
    }

    @Test
    void lossFallsOnALearnableProblem() {
        try (Network network = backend.create(TINY, 7)) {
            network.setOptimizer(1e-4, 0);
            double first = 0;
            double last = 0;
            for (int step = 0; step < 30; step++) {
                StepResult result = network.trainStep(Backends.halves(16, 32, step));
                first = step < 5 ? first + result.loss() / 5 : first;
                last = step >= 25 ? last + result.loss() / 5 : last;
            }
            assertTrue(last < 0.1 * first, "loss fell from " + first + " to " + last);
            float[][] probabilities = network.predict(Backends.halves(16, 32, 99));
            int right = 0;
            for (int i = 0; i < probabilities.length; i++) {
                right += (probabilities[i][1] > 0.5f) == (i % 2 == 1) ? 1 : 0;
            }
            assertTrue(right >= 14, right + " of 16 held-out images right");
        }
    }

    @Test
    void frozenWeightsAndBatchNormStatisticsStayWhileTheRestMoves() {
        try (TorchNetwork network = (TorchNetwork) backend.create(TINY, 3)) {
            network.setTrainable(List.of("layer4", "fc"));
            network.setOptimizer(1e-3, 1e-4);
            Map<String, float[]> before = snapshot(network);
            for (int step = 0; step < 3; step++) {
                network.trainStep(Backends.halves(8, 32, step));
            }
            Map<String, float[]> after = snapshot(network);
            for (String name : before.keySet()) {
                boolean moves = name.startsWith("layer4.") || name.startsWith("fc.");
                assertEquals(moves, !Arrays.equals(before.get(name), after.get(name)), name);
            }
        }
    }

    @Test
    void trainableSetFollowsPrefixesAndRefusesUnknownOnes() {
        try (TorchNetwork network = (TorchNetwork) backend.create(TINY, 3)) {
            network.setTrainable(List.of("layer4.1", "fc"));
            assertTrue(network.trainable("layer4.1.conv2.weight"));
            assertFalse(network.trainable("layer4.0.conv2.weight"));
            assertTrue(network.trainable("fc.bias"));
            network.setTrainable(List.of());
            assertTrue(network.trainable("conv1.weight"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> network.setTrainable(List.of("layer4.9")));
            assertTrue(e.getMessage().contains("layer4.9"), e.getMessage());
        }
    }

    @Test
    void checkpointRoundTripsOutputsAndOptimizerState() throws IOException {
        Path file = dir.resolve("run/stage2-epoch003.npz");
        Batch probe = Backends.halves(4, 32, 42);
        try (TorchNetwork network = (TorchNetwork) backend.create(TINY, 5)) {
            network.setTrainable(List.of("layer3", "layer4", "fc"));
            network.setOptimizer(1e-3, 1e-4);
            network.trainStep(Backends.halves(8, 32, 1));
            network.save(new Checkpoint(file, TINY, 2, 3, Map.of("val_accuracy", 0.75)));
            assertTrue(Files.exists(dir.resolve("run/stage2-epoch003.json")));
            try (TorchNetwork copy = (TorchNetwork) backend.open(file)) {
                assertArrayEquals(network.logits(probe), copy.logits(probe));
                copy.setTrainable(List.of("layer3", "layer4", "fc"));
                network.trainStep(Backends.halves(8, 32, 2));
                copy.trainStep(Backends.halves(8, 32, 2));
                assertArrayEquals(network.logits(probe), copy.logits(probe), "same moments, same next step");
            }
            var info = StateFiles.readCheckpointInfo(file);
            assertEquals(2, info.stage());
            assertEquals(3, info.epoch());
            assertEquals(0.75, info.metrics().get("val_accuracy"));
        }
    }

    /** Checkpoints are what numpy.savez writes (numpy.load reads them), stored without compression. */
    @Test
    void checkpointIsAnUncompressedNumpyArchive() throws IOException {
        Path file = dir.resolve("plain.npz");
        try (Network network = backend.create(TINY, 5)) {
            network.save(new Checkpoint(file, TINY, 1, 1, Map.of()));
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertNpy(zip, "conv1.weight.npy", "<f4", "(64, 3, 7, 7)", 64 * 3 * 7 * 7 * 4);
            assertNpy(zip, "fc.bias.npy", "<f4", "(2,)", 2 * 4);
        }
    }

    private static void assertNpy(java.util.zip.ZipFile zip, String name, String type, String shape, int dataBytes)
            throws IOException {
        java.util.zip.ZipEntry entry = zip.getEntry(name);
        byte[] npy = zip.getInputStream(entry).readAllBytes();
        assertTrue(entry.getCompressedSize() >= npy.length, name + " should be stored, not compressed");
        assertEquals("\u0093NUMPY", new String(npy, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1));
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        String header = new String(npy, 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '" + type + "', 'fortran_order': False, 'shape': " + shape + ", }"),
                header);
        assertTrue(header.endsWith("\n"), header);
        assertEquals(0, (10 + headerLength) % 64, "numpy aligns the data to 64 bytes");
        assertEquals(dataBytes, npy.length - 10 - headerLength);
    }

    @Test
    void damagedOrForeignCheckpointsAreRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("epoch001.npz");
        try (Network network = backend.create(TINY, 5)) {
            network.save(new Checkpoint(file, TINY, 1, 1, Map.of()));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IOException truncated = assertThrows(IOException.class, () -> backend.open(file));
        assertTrue(truncated.getMessage().contains(file.toString()), truncated.getMessage());

        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        IOException altered = assertThrows(IOException.class, () -> backend.open(file));
        assertTrue(altered.getMessage().contains("SHA-256"), altered.getMessage());

        Files.delete(StateFiles.sidecar(file));
        IOException unfinished = assertThrows(IOException.class, () -> backend.open(file));
        assertTrue(unfinished.getMessage().contains("not completed"), unfinished.getMessage());

        Path other = dir.resolve("other.npz");
        try (Network network = backend.create(TINY, 5);
                Network three = backend.create(new NetworkSpec("resnet18", 3, 32, 32), 5)) {
            network.save(new Checkpoint(other, TINY, 1, 1, Map.of()));
            IOException foreign = assertThrows(IOException.class, () -> three.load(other));
            assertTrue(foreign.getMessage().contains("2 classes"), foreign.getMessage());
        }
    }

    @Test
    void grayscaleInputFeedsTheStemAsThreeEqualChannels() {
        try (TorchNetwork network = (TorchNetwork) backend.create(TINY, 9)) {
            Batch gray = Backends.halves(2, 32, 3);
            float[] rgb = new float[gray.pixels().length * 3];
            int plane = 32 * 32;
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(gray.pixels(), n * plane, rgb, (n * 3 + c) * plane, plane);
                }
            }
            assertArrayEquals(network.logits(gray), network.logits(Batch.of(2, 3, 32, 32, rgb)));
        }
    }

    private static Map<String, float[]> snapshot(TorchNetwork network) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        network.tensors().forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }
}
