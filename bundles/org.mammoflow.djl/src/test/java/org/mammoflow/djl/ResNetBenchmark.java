package org.mammoflow.djl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;

import ai.djl.engine.Engine;

/**
 * ResNet50 throughput (batch 16, 224 x 224, 5 classes, Adam) through the backend's NetworkFactory in fp32 and
 * bf16, and in the same run Python PyTorch's torchvision ResNet50 (src/test/python/resnet_benchmark.py) in fp32
 * and under {@code torch.autocast} bf16, when python3 with torch and torchvision is present. Python runs with
 * glibc's transparent huge pages, like for like with the backend (see {@link Benchmarks#python}). They take
 * turns, round by round, so that all see the machine in the same state; each round gives ratios, and the run
 * reports their median and range. Each figure is also given in GFLOP/s ({@link MultiplyAdds}) and as a share
 * of the machine's peak in its precision ({@link Benchmarks.Peak}), measured first. Not part of the test suite:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=ResNetBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: -Dbenchmark.rounds (default 3), -Dbenchmark.steps (5 a round), -Dbenchmark.warmup (2 a round),
 * -Dbenchmark.python (/usr/bin/python3), -Dbenchmark.largestKeptBlockMib (the backend's setting, default 60),
 * -Dbenchmark.nativeTuning (true), -Dbenchmark.layout (auto).
 */
class ResNetBenchmark {

    private static final int BATCH = 16;
    private static final NetworkSpec RESNET50 = new NetworkSpec("resnet50", 5, 224, 224);

    /** Images per second of a training step and of inference, in each precision: fp32 then bf16. */
    record Speeds(double fp32Train, double fp32Infer, double bf16Train, double bf16Infer) {
    }

    /** A ratio by name, one value a round. */
    record Ratio(String name, double goal, List<Double> values) {
    }

    @Test
    void resnet50TrainingAndInference() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        int steps = Integer.getInteger("benchmark.steps", 5);
        int warmup = Integer.getInteger("benchmark.warmup", 2);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("ResNet50 batch %d, 224x224, %d threads, %d rounds of %d timed steps after %d warm-up,"
                + " largestKeptBlockMib=%d; Mammoflow: DJL %s, libtorch %s; %.2f G multiply-adds an image%n", BATCH,
                threads, rounds, steps, warmup, Benchmarks.largestKeptBlockMib(), Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(), MultiplyAdds.forward(RESNET50) / 1e9);
        List<Ratio> ratios = List.of(new Ratio("inference, bf16 / own fp32", 1.6, new ArrayList<>()),
                new Ratio("inference, bf16 / PyTorch autocast bf16", 1.2, new ArrayList<>()),
                new Ratio("training, bf16 / own fp32", 1.3, new ArrayList<>()),
                new Ratio("training, fp32 / PyTorch fp32", 1.25, new ArrayList<>()),
                new Ratio("inference, fp32 / PyTorch fp32", 0, new ArrayList<>()),
                new Ratio("training, bf16 / PyTorch autocast bf16", 0, new ArrayList<>()));
        ResNetBackend backend = Benchmarks.cpuBackend();
        try (Network single = backend.create(RESNET50, 0, Precision.FP32);
                Network half = backend.create(RESNET50, 0, Precision.BF16)) {
            Benchmarks.Peak peak = Benchmarks.Peak.measure(backend);
            System.out.println("  " + peak);
            single.setOptimizer(1e-4, 1e-4);
            half.setOptimizer(1e-4, 1e-4);
            Batch batch = Benchmarks.randomBatch(BATCH, 224, 224, 5);
            for (int round = 1; round <= rounds; round++) {
                Speeds ours = new Speeds(speed(() -> single.trainStep(batch), warmup, steps),
                        speed(() -> single.predict(batch), warmup, steps), speed(() -> half.trainStep(batch), warmup, steps),
                        speed(() -> half.predict(batch), warmup, steps));
                System.out.printf("  round %d, Mammoflow:%s%n", round, described(ours, peak));
                Speeds python = python(threads, warmup, steps);
                List<Double> values = new ArrayList<>(List.of(ours.bf16Infer / ours.fp32Infer,
                        ours.bf16Train / ours.fp32Train));
                if (python == null) {
                    System.out.println("    Python PyTorch: not available (apt-get install python3-torch python3-torchvision)");
                    ratios.get(0).values.add(values.get(0));
                    ratios.get(2).values.add(values.get(1));
                    continue;
                }
                System.out.printf("    Python PyTorch (torchvision, autocast for bf16, huge pages):%s%n",
                        described(python, peak));
                double[] round1 = {ours.bf16Infer / ours.fp32Infer, ours.bf16Infer / python.bf16Infer,
                    ours.bf16Train / ours.fp32Train, ours.fp32Train / python.fp32Train, ours.fp32Infer / python.fp32Infer,
                    ours.bf16Train / python.bf16Train};
                for (int i = 0; i < ratios.size(); i++) {
                    ratios.get(i).values.add(round1[i]);
                }
            }
        } finally {
            backend.close();
        }
        for (Ratio ratio : ratios) {
            if (!ratio.values.isEmpty()) {
                System.out.printf("  %-40s median of %d rounds %s%s%n", ratio.name, ratio.values.size(),
                        medianAndRange(ratio.values), ratio.goal == 0 ? "" : String.format(Locale.ROOT,
                                "; goal %.2fx: %s", ratio.goal, ratio.values.stream().allMatch(v -> v >= ratio.goal)
                                        ? "met in every round" : "not met in every round"));
            }
        }
    }

    private static double speed(Runnable step, int warmup, int steps) {
        return BATCH / Benchmarks.secondsPerStep(step, warmup, steps);
    }

    /** " fp32 train 5.1 img/s (62 GFLOP/s, 31% of peak), inference ..." for both precisions. */
    private static String described(Speeds speeds, Benchmarks.Peak peak) {
        return String.format(Locale.ROOT, " fp32 train %s, inference %s; bf16 train %s, inference %s",
                figure(speeds.fp32Train, true, peak.fp32()), figure(speeds.fp32Infer, false, peak.fp32()),
                figure(speeds.bf16Train, true, peak.bf16()), figure(speeds.bf16Infer, false, peak.bf16()));
    }

    private static String figure(double imagesPerSecond, boolean training, double peak) {
        double gflops = MultiplyAdds.gflops(RESNET50, imagesPerSecond, training);
        return String.format(Locale.ROOT, "%.2f img/s (%.0f GFLOP/s, %.0f%% of peak)", imagesPerSecond, gflops,
                100 * gflops / peak);
    }

    private static String medianAndRange(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", median, sorted[0], sorted[n - 1]);
    }

    private static Speeds python(int threads, int warmup, int steps) throws IOException, InterruptedException {
        String last = Benchmarks.python("resnet_benchmark.py", true, threads, warmup, steps);
        if (last == null) {
            return null;
        }
        String[] figures = last.split(" ");
        return new Speeds(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]), Double.parseDouble(figures[2]),
                Double.parseDouble(figures[3]));
    }
}
