package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.network.StepResult;

import ai.djl.ndarray.types.DataType;

/**
 * bfloat16 against float32 on a small network. The backend forces bf16, so that these run on a CPU without
 * it in hardware too (libtorch emulates it there, with the same rounding).
 */
class PrecisionTest {

    private static final NetworkSpec SMALL = new NetworkSpec("resnet18", 2, 32, 32);
    /**
     * Largest difference of a probability between the precisions that the test accepts: bfloat16 rounds every
     * activation to 8 significant bits (0.4%), and through 18 layers the logits move by a few hundredths.
     */
    private static final double PROBABILITY_TOLERANCE = 0.03;

    private static ResNetBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = new ResNetBackend(Backends.config(Map.of("device", "cpu", "forceBf16", true)));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void bf16PredictsWhatFp32PredictsWithinTolerance() throws IOException {
        Path trained = trainedCheckpoint(Precision.FP32);
        Batch probe = Backends.halves(32, 32, 99);
        try (Network single = backend.open(trained, Precision.FP32); Network half = backend.open(trained, Precision.BF16)) {
            assertEquals(Precision.BF16, half.precision());
            float[][] exact = single.predict(probe);
            float[][] rounded = half.predict(probe);
            double largest = 0;
            int agreeing = 0;
            for (int i = 0; i < exact.length; i++) {
                largest = Math.max(largest, Math.abs(exact[i][1] - rounded[i][1]));
                agreeing += (exact[i][1] > 0.5) == (rounded[i][1] > 0.5) ? 1 : 0;
            }
            assertTrue(largest <= PROBABILITY_TOLERANCE, "largest probability difference " + largest);
            assertTrue(agreeing >= exact.length - 1, agreeing + " of " + exact.length + " decisions agree");
            float[] exactLogits = ((TorchNetwork) single).logits(probe);
            float[] roundedLogits = ((TorchNetwork) half).logits(probe);
            double largestLogit = 0;
            double logitDifference = 0;
            for (int i = 0; i < exactLogits.length; i++) {
                largestLogit = Math.max(largestLogit, Math.abs(exactLogits[i]));
                logitDifference = Math.max(logitDifference, Math.abs(exactLogits[i] - roundedLogits[i]));
            }
            assertTrue(logitDifference > 0, "bf16 computed exactly what fp32 did: it did not run in bf16");
            assertTrue(logitDifference <= 0.05 * largestLogit, "logits differ by " + logitDifference + " of "
                    + largestLogit);
        }
    }

    @Test
    void bf16TrainsFloat32WeightsAndLearnsAsFp32Does() throws IOException {
        try (Network single = backend.create(SMALL, 3, Precision.FP32);
                Network half = backend.create(SMALL, 3, Precision.BF16)) {
            single.setOptimizer(1e-4, 0);
            half.setOptimizer(1e-4, 0);
            double[] first = new double[2];
            double[] last = new double[2];
            for (int step = 0; step < 30; step++) {
                Batch batch = Backends.halves(16, 32, step);
                StepResult a = single.trainStep(batch);
                StepResult b = half.trainStep(batch);
                if (step == 0) {
                    assertEquals(a.loss(), b.loss(), 0.02 * a.loss(), "the first step's loss, in either precision");
                }
                for (int i = 0; i < 2; i++) {
                    double loss = (i == 0 ? a : b).loss();
                    first[i] += step < 5 ? loss / 5 : 0;
                    last[i] += step >= 25 ? loss / 5 : 0;
                }
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(last[i] < 0.1 * first[i], (i == 0 ? "fp32" : "bf16") + ": loss fell from " + first[i]
                        + " to " + last[i]);
            }
            for (Network network : List.of(single, half)) {
                float[][] p = network.predict(Backends.halves(16, 32, 99));
                int right = 0;
                for (int i = 0; i < p.length; i++) {
                    right += (p[i][1] > 0.5) == (i % 2 == 1) ? 1 : 0;
                }
                assertTrue(right >= 14, network.precision() + ": " + right + " of 16 held-out images right");
            }
            ((TorchNetwork) half).tensors().forEach((name, tensor) -> assertEquals(DataType.FLOAT32,
                    tensor.getDataType(), name + " is kept in float32"));
        }
    }

    @Test
    void aBf16CheckpointOpensInFp32() throws IOException {
        Path trained = trainedCheckpoint(Precision.BF16);
        try (Network single = backend.open(trained, Precision.FP32)) {
            assertEquals(Precision.FP32, single.precision());
            assertEquals(2, single.predict(Backends.halves(2, 32, 5))[0].length);
        }
    }

    @Test
    void wholeImageFeaturesLeaveTheNetworkAsFloat32() {
        try (Network half = backend.create(SMALL, 4, Precision.BF16)) {
            half.setTrainable(List.of("layer4", "fc"));
            Batch features = half.frozenFeatures(Backends.halves(2, 32, 6));
            assertEquals(256, features.channels());
            for (float value : features.pixels()) {
                assertTrue(Float.isFinite(value), "a float32 feature map");
            }
            float[][] fromFeatures = half.predictFeatures(features);
            float[][] whole = half.predict(Backends.halves(2, 32, 6));
            assertEquals(whole[0][1], fromFeatures[0][1], 0.02);
        }
    }

    @Test
    void aCpuWithoutNativeBf16IsRefusedUnlessForced() {
        String avx2 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n\n";
        String zen5 = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n\n";
        String sapphireRapids = "processor\t: 0\nflags\t\t: avx512f avx512_bf16 amx_bf16 amx_tile\n\n";
        assertEquals(List.of(), Precisions.nativeBf16(avx2));
        assertEquals(List.of("avx512_bf16"), Precisions.nativeBf16(zen5));
        assertEquals(List.of("avx512_bf16", "amx_bf16"), Precisions.nativeBf16(sapphireRapids));

        Precisions refused = precisions(Backends.config("cpu"), avx2);
        assertEquals(Precision.FP32, refused.training());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> refused.requireAvailable(Precision.BF16));
        assertTrue(e.getMessage().startsWith("bf16 refused: this CPU computes bfloat16 only in emulation"), e.getMessage());
        assertTrue(e.getMessage().contains("forceBf16=true"), e.getMessage());
        refused.requireAvailable(Precision.FP32);

        Precisions forced = precisions(Backends.config(Map.of("device", "cpu", "forceBf16", true)), avx2);
        assertEquals(Optional.empty(), forced.bf16Unavailable(), forced.description());
        assertTrue(forced.description().contains("emulated (forceBf16), kernel check passed"), forced.description());
    }

    @Test
    void inferencePrecisionAutoTakesBf16OnlyWhereItIsNative() {
        String avx2 = "processor\t: 0\nflags\t\t: fpu avx2\n\n";
        String zen5 = "processor\t: 0\nflags\t\t: avx512f avx512_bf16\n\n";
        BackendConfig auto = Backends.config(Map.of("device", "cpu", "inferencePrecision", "auto"));
        assertEquals(Precision.FP32, precisions(auto, avx2).inference());
        assertEquals(Precision.BF16, precisions(auto, zen5).inference());
        assertEquals(Precision.FP32, precisions(auto, zen5).training());
    }

    @Test
    void anUnknownPrecisionIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
        assertEquals("precision 'fp16' is not one of fp32, bf16", e.getMessage());
        assertEquals(Precision.BF16, Precision.parse(" BF16 "));
        IllegalArgumentException setting = assertThrows(IllegalArgumentException.class,
                () -> precisions(Backends.config(Map.of("device", "cpu", "inferencePrecision", "half")), ""));
        assertEquals("setting inferencePrecision of org.mammoflow.djl: precision 'half' is not one of fp32, bf16",
                setting.getMessage());
    }

    private static Precisions precisions(BackendConfig config, String cpuInfo) {
        return Precisions.of(config, backend.memory(), Layout.CHANNELS_LAST, backend.casts(), cpuInfo);
    }

    private Path trainedCheckpoint(Precision precision) throws IOException {
        try (Network network = backend.create(SMALL, 1, precision)) {
            network.setOptimizer(1e-4, 0);
            for (int step = 0; step < 30; step++) {
                network.trainStep(Backends.halves(16, 32, step));
            }
            Path file = dir.resolve(precision + ".npz");
            network.save(new Checkpoint(file, SMALL, 1, 1, Map.of()));
            return file;
        }
    }
}
