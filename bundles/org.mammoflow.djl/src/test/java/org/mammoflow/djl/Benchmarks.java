package org.mammoflow.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Precision;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * What the backend's benchmarks, memory test and GPU check share: the backend, random input, a timed loop,
 * resident memory, the Python PyTorch reference.
 */
final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * The CPU backend, with the settings -Dbenchmark.largestKeptBlockMib (default: the backend's, 60),
     * -Dbenchmark.nativeTuning (true) and -Dbenchmark.layout (auto).
     */
    static ResNetBackend cpuBackend() {
        return new ResNetBackend(Backends.config(Map.of("device", "cpu", "largestKeptBlockMib", largestKeptBlockMib(),
                "nativeTuning", Boolean.parseBoolean(System.getProperty("benchmark.nativeTuning", "true")),
                "layout", System.getProperty("benchmark.layout", "auto"))));
    }

    static int largestKeptBlockMib() {
        return Integer.getInteger("benchmark.largestKeptBlockMib", Backends.largestKeptBlockMibDefault());
    }

    /** A line of /proc/self/status in MiB: VmRSS (resident now) or VmHWM (the most it has been). */
    static double residentMib(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no " + field + " in /proc/self/status");
    }

    /** Gaussian pixels (3 channels) from seed 0, labels cycling through the classes. */
    static Batch randomBatch(int size, int height, int width, int classes) {
        SplittableRandom random = new SplittableRandom(0);
        float[] pixels = new float[size * 3 * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % classes;
        }
        return new Batch(size, 3, height, width, pixels, labels, new float[0]);
    }

    /**
     * The machine's own peak, the ceiling every figure is a share of: the fastest of several matrix products
     * through libtorch (oneDNN) in float32 and in bfloat16, in GFLOP/s, with the shape that reached it.
     */
    record Peak(double fp32, String fp32Shape, double bf16, String bf16Shape) {

        /**
         * Products (M x K times K x N) as ResNet50's layers give them to oneDNN, and two large square ones:
         * each as a 1x1 convolution channels-last (oneDNN's own kernels, those the networks run) and as a
         * matrix product (libtorch's BLAS for float32, oneDNN for bfloat16).
         */
        private static final int[][] SHAPES = {{3136, 256, 64}, {784, 512, 128}, {784, 1152, 128}, {196, 1024, 256},
            {1024, 1024, 1024}, {2048, 2048, 2048}};

        static Peak measure(ResNetBackend backend) {
            double[] best = new double[2];
            String[] shapes = new String[2];
            for (int[] shape : SHAPES) {
                for (boolean convolution : new boolean[] {true, false}) {
                    for (int precision = 0; precision < 2; precision++) {
                        double gflops = product(backend, shape, precision == 1, convolution);
                        if (gflops > best[precision]) {
                            best[precision] = gflops;
                            shapes[precision] = shape[0] + "x" + shape[1] + " times " + shape[1] + "x" + shape[2]
                                    + (convolution ? " as a 1x1 convolution" : " as a matrix product");
                        }
                    }
                }
            }
            return new Peak(best[0], shapes[0], best[1], shapes[1]);
        }

        double of(Precision precision) {
            return precision == Precision.BF16 ? bf16 : fp32;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "machine peak (the best of %d products through libtorch, 1x1"
                    + " convolutions by oneDNN and matrix products): fp32 %.0f GFLOP/s (%s), bf16 %.0f GFLOP/s (%s),"
                    + " %.2fx", 2 * SHAPES.length, fp32, fp32Shape, bf16, bf16Shape, bf16 / fp32);
        }

        /** GFLOP/s of one product, M x K times K x N, batched as 16 images of M/16 pixels for a convolution. */
        private static double product(ResNetBackend backend, int[] shape, boolean bf16, boolean convolution) {
            try (NDManager scratch = backend.memory().newSubManager()) {
                PtNDArray a;
                PtNDArray b;
                int side = (int) Math.round(Math.sqrt(shape[0] / 16.0));
                long rows = convolution ? 16L * side * side : shape[0]; // M as the convolution's pixels give it
                if (convolution) {
                    a = Layout.CHANNELS_LAST.apply((PtNDArray) scratch.randomNormal(new Shape(16, shape[1], side, side)));
                    b = Layout.CHANNELS_LAST.apply((PtNDArray) scratch.randomNormal(new Shape(shape[2], shape[1], 1, 1)));
                } else {
                    a = (PtNDArray) scratch.randomNormal(new Shape(shape[0], shape[1]));
                    b = (PtNDArray) scratch.randomNormal(new Shape(shape[1], shape[2]));
                }
                PtNDArray x = bf16 ? backend.casts().toBfloat16(a) : a;
                PtNDArray y = bf16 ? backend.casts().toBfloat16(b) : b;
                double flop = 2.0 * rows * shape[1] * shape[2];
                int steps = (int) Math.max(3, Math.min(200, 1e11 / flop));
                Shape one = new Shape(1, 1);
                Runnable step = convolution
                        ? () -> JniUtils.convolution(x, y, null, one, new Shape(0, 0), one, 1).close()
                        : () -> JniUtils.matmul(x, y).close();
                return flop / secondsPerStep(step, 2, steps) / 1e9;
            }
        }
    }

    /** Seconds per step, over {@code steps} timed after {@code warmup} untimed. */
    static double secondsPerStep(Runnable step, int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        return (System.nanoTime() - start) / 1e9 / steps;
    }

    /**
     * A Python PyTorch reference under src/test/python: its last output line (its figures), or null when
     * there is no python (-Dbenchmark.python, default /usr/bin/python3) or the script failed (its output
     * is printed). With {@code hugePages}, glibc backs the process's allocations with transparent huge pages
     * ({@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}, glibc 2.35 on, read when the process starts): the
     * backend asks libtorch for them for its own tensors, and where the kernel grants them only on request
     * they decide much of a step's time, so the reference is run both as installed and like for like.
     */
    static String python(String script, boolean hugePages, Object... arguments) throws IOException, InterruptedException {
        String python = System.getProperty("benchmark.python", "/usr/bin/python3");
        if (!Files.isExecutable(Path.of(python))) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(python, "src/test/python/" + script));
        for (Object argument : arguments) {
            command.add(String.valueOf(argument));
        }
        Map<String, String> environment = hugePages ? Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1") : Map.of();
        Run run = run(command, environment, 30);
        if (!run.succeeded()) {
            System.out.println("  Python PyTorch failed: " + run.output());
            return null;
        }
        return run.lastLine();
    }

    /** How a command ended: whether it finished in time, its exit status, its output and errors together. */
    record Run(boolean finished, int exitValue, String output) {

        boolean succeeded() {
            return finished && exitValue == 0;
        }

        /** The last line of output: where the benchmarks' helpers put their figures. */
        String lastLine() {
            return output.strip().lines().reduce((a, b) -> b).orElse("").trim();
        }
    }

    /**
     * The last line printed by {@code main} run in a fresh JVM on this class path (memory measurements
     * need a process of their own); fails the test when it does not end well within two minutes.
     */
    static String lastLineOfFreshJvm(Class<?> main, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        Run child = run(command, Map.of(), 2);
        if (!child.succeeded()) {
            throw new AssertionError("the child JVM running " + main.getSimpleName() + " did not end well: " + child.output());
        }
        return child.lastLine();
    }

    /** Runs a command, with these variables added to its environment, to its end or for at most {@code minutes}. */
    static Run run(List<String> command, Map<String, String> environment, int minutes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        return new Run(finished, finished ? process.exitValue() : -1, output);
    }
}
