package org.mammoflow.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;

/**
 * The whole-image pass of the paper (ResNet50 and the ResNet head, one 1152 x 896 image, every layer
 * training, Adam) in one precision (-Dbenchmark.precision, fp32 or bf16): seconds per forward+backward+update
 * and the process's peak resident memory; then whole-image prediction, images per second, one image at a time,
 * without and with the four flips of test-time augmentation. In the same run Python PyTorch's equivalent
 * (src/test/python/whole_image_benchmark.py; torch.autocast for bf16) with glibc's transparent huge pages, like
 * for like (see {@link Benchmarks#python}), and each figure as GFLOP/s and a share of the machine's peak. Not
 * part of the test suite; run it alone, once per precision, so that the peak is this pass's:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=WholeImageBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.precision=bf16</pre>
 *
 * Options: -Dbenchmark.precision (fp32), -Dbenchmark.largestKeptBlockMib (the backend's setting, default 60),
 * -Dbenchmark.steps (2), -Dbenchmark.warmup (1), -Dbenchmark.python (/usr/bin/python3).
 */
class WholeImageBenchmark {

    private static final NetworkSpec WHOLE = new NetworkSpec("resnet50+resnet-head", 2, 1152, 896);

    @Test
    void resnet50AndHeadOnOneFullSizeImage() throws Exception {
        Precision precision = Precision.parse(System.getProperty("benchmark.precision", "fp32"));
        int steps = Integer.getInteger("benchmark.steps", 2);
        int warmup = Integer.getInteger("benchmark.warmup", 1);
        int threads = Runtime.getRuntime().availableProcessors();
        ResNetBackend backend = Benchmarks.cpuBackend();
        double started = Benchmarks.residentMib("VmRSS");
        double seconds;
        double withWeights;
        double afterFirstStep;
        double peakOfTraining;
        List<Double> predictions = new ArrayList<>();
        Benchmarks.Peak peak;
        try (Network network = backend.create(WHOLE, 0, precision)) {
            network.setOptimizer(1e-5, 1e-4);
            Batch image = Benchmarks.randomBatch(1, WHOLE.height(), WHOLE.width(), 2);
            withWeights = Benchmarks.residentMib("VmRSS");
            network.trainStep(image);
            afterFirstStep = Benchmarks.residentMib("VmRSS");
            seconds = Benchmarks.secondsPerStep(() -> network.trainStep(image), warmup - 1, steps);
            peakOfTraining = Benchmarks.residentMib("VmHWM");
            for (int flips : new int[] {1, 4}) {
                predictions.add(1 / Benchmarks.secondsPerStep(() -> {
                    for (int flip = 0; flip < flips; flip++) {
                        network.predict(image);
                    }
                }, warmup, Math.max(2, steps)));
            }
            peak = Benchmarks.Peak.measure(backend);
        } finally {
            backend.close();
        }
        System.out.printf("ResNet50 + ResNet head, %s, batch 1, %d x %d, every layer, Adam, %d threads, %d steps after"
                + " %d, largestKeptBlockMib=%d; %.1f G multiply-adds an image%n", precision, WHOLE.height(), WHOLE.width(),
                threads, steps, warmup, Benchmarks.largestKeptBlockMib(), MultiplyAdds.forward(WHOLE) / 1e9);
        System.out.println("  " + peak);
        System.out.printf(Locale.ROOT, "  Mammoflow: %.2f s a step (%s), peak resident memory %.0f MiB (the whole JVM)%n",
                seconds, share(1 / seconds, true, peak.of(precision)), peakOfTraining);
        System.out.printf("  resident: %.0f MiB with libtorch started, %.0f with the network, %.0f after the first step%n",
                started, withWeights, afterFirstStep);
        System.out.printf(Locale.ROOT, "  Mammoflow prediction: %.2f images/s (%s), with 4 flips %.2f images/s%n",
                predictions.get(0), share(predictions.get(0), false, peak.of(precision)), predictions.get(1));
        String python = Benchmarks.python("whole_image_benchmark.py", true, threads, warmup, steps,
                precision == Precision.BF16 ? 1 : 0);
        if (python == null) {
            System.out.println("  Python PyTorch with huge pages: not available");
            return;
        }
        String[] figures = python.split(" ");
        double pythonSeconds = Double.parseDouble(figures[0]);
        double pythonImages = Double.parseDouble(figures[2]);
        System.out.printf(Locale.ROOT, "  Python PyTorch with huge pages%s: %.2f s a step (%s), peak resident memory %s"
                + " MiB; prediction %.2f images/s (%s)%n", precision == Precision.BF16 ? ", autocast bf16" : "",
                pythonSeconds, share(1 / pythonSeconds, true, peak.of(precision)), figures[1], pythonImages,
                share(pythonImages, false, peak.of(precision)));
        System.out.printf(Locale.ROOT, "  ratio Mammoflow / Python: training %.2fx, prediction %.2fx%n",
                pythonSeconds / seconds, predictions.get(0) / pythonImages);
    }

    private static String share(double imagesPerSecond, boolean training, double peak) {
        double gflops = MultiplyAdds.gflops(WHOLE, imagesPerSecond, training);
        return String.format(Locale.ROOT, "%.0f GFLOP/s, %.0f%% of peak", gflops, 100 * gflops / peak);
    }
}
