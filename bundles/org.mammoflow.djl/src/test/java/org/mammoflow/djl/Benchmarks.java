package org.mammoflow.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mammoflow.api.network.Batch;

/** What the backend's benchmarks and GPU check share: random input, a timed loop, the Python PyTorch reference. */
final class Benchmarks {

    private Benchmarks() {
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
     * is printed).
     */
    static String python(String script, Object... arguments) throws IOException, InterruptedException {
        String python = System.getProperty("benchmark.python", "/usr/bin/python3");
        if (!Files.isExecutable(Path.of(python))) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(python, "src/test/python/" + script));
        for (Object argument : arguments) {
            command.add(String.valueOf(argument));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            System.out.println("  Python PyTorch failed: " + output);
            return null;
        }
        return output.lines().reduce((a, b) -> b).orElse("").trim();
    }
}
