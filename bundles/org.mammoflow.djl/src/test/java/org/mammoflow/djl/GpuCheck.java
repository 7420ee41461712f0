package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

/**
 * The check to run on a GPU machine, with the CUDA build: the same ResNet50 weights give the same
 * probabilities on the CPU and on GPU 0, in fp32 and, within bfloat16's rounding, in bf16 (autocast's
 * precision); the training and inference speed of the patch network (ResNet50, batch 16, 224 x 224) and the
 * training speed of the whole-image network (ResNet50 and the paper's ResNet head, 1152 x 896, batch 1) on the
 * GPU in both precisions; the GPU memory in use after them. Not part of the test suite; skipped without a GPU:
 *
 * <pre>
 * mvn -B -q -Pcuda -pl bundles/org.mammoflow.djl -am install -DskipTests
 * mvn -B -Pcuda -pl bundles/org.mammoflow.djl test -Dtest=GpuCheck -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class GpuCheck {

    private static final int WARMUP = 3;
    private static final int STEPS = 10;

    @TempDir
    Path folder;

    @Test
    void cpuAndGpuAgreeAndTheGpuTrains() throws Exception {
        Assumptions.assumeTrue(CudaUtils.getGpuCount() > 0, "no CUDA GPU visible to libtorch: nothing to check");
        System.out.printf("GPU 0: %s, compute capability %s, CUDA %s%n", CudaUtils.getGpuMemory(Device.gpu()),
                CudaUtils.getComputeCapability(0), CudaUtils.getCudaVersionString());
        NetworkSpec patch = new NetworkSpec("resnet50", 5, 224, 224);
        Batch batch = Benchmarks.randomBatch(16, 224, 224, 5);
        ResNetBackend cpu = Backends.cpu();
        ResNetBackend gpu = Backends.on("gpu");
        try {
            Path weights = folder.resolve("weights.npz");
            float[][] onCpu;
            try (Network network = cpu.create(patch, 7)) {
                network.saveWeights(new Checkpoint(weights, patch, 0, 0, Map.of()));
                onCpu = network.predict(batch);
            }
            // float32 within 1e-3 of the CPU's; bfloat16 within its 8 significant bits (PrecisionTest's tolerance)
            for (Precision precision : Precision.values()) {
                try (Network network = gpu.open(weights, precision)) {
                    double difference = largestDifference(onCpu, network.predict(batch));
                    double tolerance = precision == Precision.FP32 ? 1e-3 : 0.03;
                    System.out.printf("probabilities, CPU fp32 against GPU %s: largest difference %.2e%n", precision,
                            difference);
                    assertTrue(difference < tolerance, "CPU and GPU " + precision + " disagree by " + difference);
                }
            }
            for (Precision precision : Precision.values()) {
                report("patch network, ResNet50, batch 16, 224 x 224, " + precision, gpu, patch, batch, precision);
                report("whole-image network, ResNet50 + ResNet head, batch 1, 1152 x 896, " + precision, gpu,
                        new NetworkSpec("resnet50+resnet-head", 2, 1152, 896), Benchmarks.randomBatch(1, 1152, 896, 2),
                        precision);
            }
        } finally {
            gpu.close();
            cpu.close();
        }
    }

    private static void report(String what, ResNetBackend backend, NetworkSpec spec, Batch batch,
            Precision precision) {
        try (Network network = backend.create(spec, 1, precision)) {
            network.setOptimizer(1e-4, 1e-4);
            double seconds = Benchmarks.secondsPerStep(() -> network.trainStep(batch), WARMUP, STEPS);
            double inference = Benchmarks.secondsPerStep(() -> network.predict(batch), WARMUP, STEPS);
            System.out.printf("%s: %.1f images/s training (%.3f s a step), %.1f images/s inference; GPU memory after:"
                    + " %s%n", what, batch.size() / seconds, seconds, batch.size() / inference,
                    CudaUtils.getGpuMemory(Device.gpu()));
        }
    }

    private static double largestDifference(float[][] a, float[][] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                largest = Math.max(largest, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return largest;
    }
}
