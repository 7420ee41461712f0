package org.mammoflow.djl;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

/**
 * The whole-image pass of the paper (ResNet50 and the ResNet head, one 1152 x 896 image, every layer
 * training, Adam): seconds per forward+backward+update and the process's peak resident memory, and in
 * the same run Python PyTorch's equivalent (src/test/python/whole_image_benchmark.py), as installed and with
 * glibc's transparent huge pages (see {@link Benchmarks#python}). Not part of the test suite; run it alone,
 * so that the peak is this pass's:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=WholeImageBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: -Dbenchmark.largestKeptBlockMib (the backend's setting, default 60), -Dbenchmark.steps (2),
 * -Dbenchmark.warmup (1), -Dbenchmark.python (/usr/bin/python3).
 */
class WholeImageBenchmark {

    private static final int HEIGHT = 1152;
    private static final int WIDTH = 896;

    @Test
    void resnet50AndHeadOnOneFullSizeImage() throws Exception {
        int steps = Integer.getInteger("benchmark.steps", 2);
        int warmup = Integer.getInteger("benchmark.warmup", 1);
        int threads = Runtime.getRuntime().availableProcessors();
        ResNetBackend backend = Benchmarks.cpuBackend();
        double started = Benchmarks.residentMib("VmRSS");
        double seconds;
        double withWeights;
        double afterFirstStep;
        try (Network network = backend.create(new NetworkSpec("resnet50+resnet-head", 2, HEIGHT, WIDTH), 0)) {
            network.setOptimizer(1e-5, 1e-4);
            Batch image = Benchmarks.randomBatch(1, HEIGHT, WIDTH, 2);
            withWeights = Benchmarks.residentMib("VmRSS");
            network.trainStep(image);
            afterFirstStep = Benchmarks.residentMib("VmRSS");
            seconds = Benchmarks.secondsPerStep(() -> network.trainStep(image), warmup - 1, steps);
        } finally {
            backend.close();
        }
        System.out.printf("ResNet50 + ResNet head, batch 1, %d x %d, every layer, Adam, %d threads, %d steps after %d,"
                + " largestKeptBlockMib=%d%n", HEIGHT, WIDTH, threads, steps, warmup,
                Benchmarks.largestKeptBlockMib());
        System.out.printf("  Mammoflow: %.2f s a step, peak resident memory %.0f MiB (the whole JVM)%n", seconds,
                Benchmarks.residentMib("VmHWM"));
        System.out.printf("  resident: %.0f MiB with libtorch started, %.0f with the network, %.0f after the first step%n",
                started, withWeights, afterFirstStep);
        printPython("Python PyTorch", Benchmarks.python("whole_image_benchmark.py", false, threads, warmup, steps));
        printPython("Python PyTorch with huge pages",
                Benchmarks.python("whole_image_benchmark.py", true, threads, warmup, steps));
    }

    private static void printPython(String name, String figures) {
        System.out.println(figures == null ? "  " + name + ": not available"
                : "  " + name + ": " + figures.split(" ")[0] + " s a step, peak resident memory " + figures.split(" ")[1]
                        + " MiB");
    }
}
