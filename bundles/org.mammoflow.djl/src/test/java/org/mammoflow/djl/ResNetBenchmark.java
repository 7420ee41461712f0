package org.mammoflow.djl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

import ai.djl.engine.Engine;

/**
 * ResNet50 throughput (batch 16, 224 x 224, 5 classes, Adam) through the backend's NetworkFactory,
 * and in the same run Python PyTorch's torchvision ResNet50 (src/test/python/resnet_benchmark.py)
 * when python3 with torch and torchvision is present. The two take turns, round by round, so that
 * both see the machine in the same state; each round gives a ratio, and the run reports their median
 * and range. Python runs twice a round: as installed, and with glibc's transparent huge pages (see
 * {@link Benchmarks#python}). Not part of the test suite:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=ResNetBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: -Dbenchmark.rounds (default 3), -Dbenchmark.steps (5 a round), -Dbenchmark.warmup (2 a round),
 * -Dbenchmark.python (/usr/bin/python3), -Dbenchmark.largestKeptBlockMib (the backend's setting, default 60),
 * -Dbenchmark.nativeTuning (true), -Dbenchmark.layout (auto).
 */
class ResNetBenchmark {

    private static final int BATCH = 16;

    @Test
    void resnet50TrainingAndInference() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        int steps = Integer.getInteger("benchmark.steps", 5);
        int warmup = Integer.getInteger("benchmark.warmup", 2);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("ResNet50 batch %d, 224x224, %d threads, %d rounds of %d timed steps after %d warm-up,"
                + " largestKeptBlockMib=%d; Mammoflow: DJL %s, libtorch %s%n", BATCH, threads, rounds, steps, warmup,
                Benchmarks.largestKeptBlockMib(), Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion());
        List<double[]> ratios = new ArrayList<>();
        ResNetBackend backend = Benchmarks.cpuBackend();
        try (Network network = backend.create(new NetworkSpec("resnet50", 5, 224, 224), 0)) {
            network.setOptimizer(1e-4, 1e-4);
            Batch batch = Benchmarks.randomBatch(BATCH, 224, 224, 5);
            for (int round = 1; round <= rounds; round++) {
                double train = BATCH / Benchmarks.secondsPerStep(() -> network.trainStep(batch), warmup, steps);
                double infer = BATCH / Benchmarks.secondsPerStep(() -> network.predict(batch), warmup, steps);
                double[] python = python(false, threads, warmup, steps);
                double[] pythonHugePages = python(true, threads, warmup, steps);
                System.out.printf("  round %d: Mammoflow train %.2f img/s, inference %.2f img/s", round, train, infer);
                if (python == null || pythonHugePages == null) {
                    System.out.println("; Python PyTorch: not available (apt-get install python3-torch python3-torchvision)");
                    continue;
                }
                double[] ratio = {train / python[0], infer / python[1], train / pythonHugePages[0],
                        infer / pythonHugePages[1]};
                System.out.printf("; Python PyTorch (torchvision) %.2f, %.2f, ratio %.2fx, %.2fx;"
                        + " with huge pages %.2f, %.2f, ratio %.2fx, %.2fx%n", python[0], python[1], ratio[0], ratio[1],
                        pythonHugePages[0], pythonHugePages[1], ratio[2], ratio[3]);
                ratios.add(ratio);
            }
        } finally {
            backend.close();
        }
        if (!ratios.isEmpty()) {
            System.out.printf("  ratio Mammoflow / Python, median of %d rounds (range): train %s, inference %s;"
                    + " against Python with huge pages: train %s, inference %s%n", ratios.size(),
                    medianAndRange(ratios, 0), medianAndRange(ratios, 1), medianAndRange(ratios, 2),
                    medianAndRange(ratios, 3));
        }
    }

    private static String medianAndRange(List<double[]> ratios, int column) {
        double[] sorted = ratios.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format("%.2fx (%.2f-%.2f)", median, sorted[0], sorted[n - 1]);
    }

    private static double[] python(boolean hugePages, int threads, int warmup, int steps)
            throws IOException, InterruptedException {
        String last = Benchmarks.python("resnet_benchmark.py", hugePages, threads, warmup, steps);
        if (last == null) {
            return null;
        }
        String[] figures = last.split(" ");
        return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1])};
    }
}
