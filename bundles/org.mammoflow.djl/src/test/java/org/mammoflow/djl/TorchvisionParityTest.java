package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.ImportedWeights;
import org.mammoflow.api.network.NetworkSpec;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Forward-pass parity with torchvision's ResNet50 on weights imported from a state dict. The weights
 * come from a formula (src/test/python/torchvision_parity.py computes the same one), torchvision's
 * logits are committed in src/test/resources/parity.
 */
class TorchvisionParityTest {

    private static final NetworkSpec SPEC = new NetworkSpec("resnet50", 5, 96, 80);
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
    void importedStateDictGivesTorchvisionsLogits() throws IOException {
        Path weights = dir.resolve("resnet50-formula.npz");
        writeFormulaStateDict(weights);
        try (TorchNetwork network = (TorchNetwork) backend.create(SPEC, 0)) {
            ImportedWeights imported = backend.importWeights(network, weights);
            assertEquals(267, imported.loaded().size(), "161 parameters and 106 running statistics");
            assertEquals(List.of(), imported.skipped());
            float[] input = new float[2 * 3 * 96 * 80];
            double[] u = formula(1000, input.length);
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) (2 * u[i] - 1);
            }
            float[] logits = network.logits(Batch.of(2, 3, 96, 80, input));
            float[] expected = torchvisionLogits();
            double largest = 0;
            double error = 0;
            for (int i = 0; i < expected.length; i++) {
                largest = Math.max(largest, Math.abs(expected[i]));
                error = Math.max(error, Math.abs(expected[i] - logits[i]));
            }
            assertTrue(error / largest < 1e-4, "relative error " + error / largest + ": " + java.util.Arrays.toString(
                    logits) + " vs torchvision " + java.util.Arrays.toString(expected));
        }
    }

    @Test
    void numpySavezStateDictImportsWhatMatchesAndReportsTheRest() throws IOException {
        Path stem = Path.of("src/test/resources/parity/resnet50-stem.npz");
        try (TorchNetwork network = (TorchNetwork) backend.create(new NetworkSpec("resnet50", 3, 224, 224), 0)) {
            ImportedWeights imported = backend.importWeights(network, stem);
            assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var"),
                    imported.loaded());
            assertEquals(267 - 5, imported.skipped().size());
            assertTrue(imported.skipped().contains("fc.weight: not in the file"), imported.skipped().get(0));
            float[] conv1 = network.tensors().get("conv1.weight").toFloatArray();
            assertArrayEquals(value("conv1.weight", 0, new long[] {64, 3, 7, 7}), conv1);
        }
    }

    @Test
    void anotherClassCountSkipsTheClassifierNamingTheShapes() throws IOException {
        Path weights = dir.resolve("resnet50-formula.npz");
        writeFormulaStateDict(weights);
        try (TorchNetwork network = (TorchNetwork) backend.create(new NetworkSpec("resnet50", 2, 224, 224), 0)) {
            ImportedWeights imported = backend.importWeights(network, weights);
            assertEquals(265, imported.loaded().size());
            assertEquals("fc.weight: shape (5, 2048) in the file, (2, 2048) here", imported.skipped().get(0));
        }
    }

    @Test
    void aFileThatIsNoStateDictIsRefusedNamingIt() throws IOException {
        Path bogus = Files.writeString(dir.resolve("weights.npz"), "not a zip");
        try (TorchNetwork network = (TorchNetwork) backend.create(new NetworkSpec("resnet18", 2, 32, 32), 0)) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> backend.importWeights(network, bogus));
            assertTrue(e.getMessage().startsWith(bogus.toString()), e.getMessage());
        }
    }

    private static void writeFormulaStateDict(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(); OutputStream out = Files.newOutputStream(file)) {
            NDList list = new NDList();
            int k = 0;
            for (Architecture.Tensor t : Architecture.of("resnet50", 5).tensors().values()) {
                var array = manager.create(value(t.name(), k++, t.shape()), new Shape(t.shape()));
                array.setName(t.name());
                list.add(array);
            }
            list.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** The Python script's value(): torchvision-like magnitudes from the formula. */
    static float[] value(String name, int k, long[] shape) {
        int n = (int) new Shape(shape).size();
        double[] u = formula(k, n);
        float[] v = new float[n];
        long fanIn = shape.length > 1 ? n / shape[0] : 0;
        for (int i = 0; i < n; i++) {
            double x;
            if (name.endsWith("running_var")) {
                x = 0.5 + u[i];
            } else if (name.endsWith("running_mean") || name.endsWith("bias")) {
                x = 0.1 * (2 * u[i] - 1);
            } else if (shape.length == 1) {
                x = 0.5 + 0.5 * u[i];
            } else if (shape.length == 4) {
                x = (2 * u[i] - 1) * Math.sqrt(6.0 / fanIn);
            } else {
                x = (2 * u[i] - 1) / Math.sqrt(fanIn);
            }
            v[i] = (float) x;
        }
        return v;
    }

    /** n values in [0, 1): splitmix64 of (k << 32) + i, as numpy computes them in the script. */
    static double[] formula(long k, int n) {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            long z = (k << 32) + i + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            u[i] = (z >>> 11) * 0x1.0p-53;
        }
        return u;
    }

    private static float[] torchvisionLogits() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/parity/resnet50-logits.txt"))) {
            return toFloats(new String(in.readAllBytes()).lines().filter(l -> !l.startsWith("#")).toList());
        }
    }

    private static float[] toFloats(List<String> lines) {
        float[] values = new float[lines.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(lines.get(i).trim());
        }
        return values;
    }
}
