package org.mammoflow.djl;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;

/**
 * ResNet50 throughput (batch 16, 224 x 224, 5 classes, Adam) through the backend's NetworkFactory,
 * and in the same run Python PyTorch's torchvision ResNet50 (src/test/python/resnet_benchmark.py)
 * when python3 with torch and torchvision is present. Not part of the test suite:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=ResNetBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: -Dbenchmark.steps (default 5), -Dbenchmark.warmup (2), -Dbenchmark.python (/usr/bin/python3),
 * -Dbenchmark.largestKeptBlockMib (the backend's setting, default 60).
 */
class ResNetBenchmark {

    private static final int BATCH = 16;

    @Test
    void resnet50TrainingAndInference() throws Exception {
        int steps = Integer.getInteger("benchmark.steps", 5);
        int warmup = Integer.getInteger("benchmark.warmup", 2);
        int threads = Runtime.getRuntime().availableProcessors();
        ResNetBackend backend = Benchmarks.cpuBackend();
        double[] java = measure(backend, warmup, steps);
        backend.close();
        System.out.printf("ResNet50 batch %d, 224x224, %d threads, %d timed steps after %d warm-up, largestKeptBlockMib=%d%n",
                BATCH, threads, steps, warmup, Benchmarks.largestKeptBlockMib());
        System.out.printf("  Mammoflow (DJL %s, libtorch %s): train %.2f img/s, inference %.2f img/s%n",
                ai.djl.engine.Engine.getDjlVersion(), ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), java[0],
                java[1]);
        double[] python = python(threads, warmup, steps);
        if (python == null) {
            System.out.println("  Python PyTorch: not available (apt-get install python3-torch python3-torchvision)");
            return;
        }
        System.out.printf("  Python PyTorch (torchvision): train %.2f img/s, inference %.2f img/s%n", python[0],
                python[1]);
        System.out.printf("  ratio Mammoflow / Python: train %.2fx, inference %.2fx%n", java[0] / python[0],
                java[1] / python[1]);
    }

    private static double[] measure(NetworkFactory backend, int warmup, int steps) {
        try (Network network = backend.create(new NetworkSpec("resnet50", 5, 224, 224), 0)) {
            network.setOptimizer(1e-4, 1e-4);
            Batch batch = Benchmarks.randomBatch(BATCH, 224, 224, 5);
            double train = Boolean.parseBoolean(System.getProperty("benchmark.train", "true"))
                    ? BATCH / Benchmarks.secondsPerStep(() -> network.trainStep(batch), warmup, steps) : Double.NaN;
            double infer = BATCH / Benchmarks.secondsPerStep(() -> network.predict(batch), warmup, steps);
            return new double[] {train, infer};
        }
    }

    private static double[] python(int threads, int warmup, int steps) throws IOException, InterruptedException {
        String last = Benchmarks.python("resnet_benchmark.py", threads, warmup, steps);
        if (last == null) {
            return null;
        }
        String[] figures = last.split(" ");
        return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1])};
    }
}
