package org.mammoflow.djl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Writing a whole-image checkpoint (ResNet18 + head at 576 x 448, every layer with its Adam moments): the backend's
 * uncompressed .npz against DJL's NDList NPZ encoding (deflated), the same tensors in the same run.
 * Not part of the test suite:
 *
 * <pre>mvn -pl bundles/org.mammoflow.djl test -Dtest=CheckpointBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class CheckpointBenchmark {

    private static final int RUNS = 3;

    @TempDir
    Path dir;

    @Test
    void wholeImageCheckpoint() throws IOException {
        NetworkSpec spec = new NetworkSpec("resnet18+resnet-head", 2, 576, 448);
        ResNetBackend backend = Backends.cpu();
        try (Network network = backend.create(spec, 1)) {
            network.setOptimizer(1e-4, 1e-4);
            int plane = spec.height() * spec.width();
            network.trainStep(new Batch(2, 1, spec.height(), spec.width(), new float[2 * plane], new int[] {0, 1},
                    new float[] {1, 1})); // creates Adam's moments, which a training checkpoint holds too
            Path file = dir.resolve("whole.npz");
            double save = median(() -> network.save(new Checkpoint(file, spec, 1, 1, Map.of())));
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> state = StateFiles.readCheckpoint(file, spec, manager);
                NDList list = new NDList(state.size());
                state.forEach((name, array) -> {
                    array.setName(name);
                    list.add(array);
                });
                double plain = median(() -> write(dir.resolve("plain.npz"), out -> NpzWriter.write(out, state)));
                double deflated = median(() -> write(dir.resolve("deflated.npz"), out -> list.encode(out,
                        NDList.Encoding.NPZ)));
                System.out.printf("whole-image checkpoint (%s, %d tensors, %.0f MB), median of %d:%n",
                        spec.architecture(), state.size(), Files.size(file) / 1e6, RUNS);
                System.out.printf("  Mammoflow save (uncompressed .npz, SHA-256, sidecar, fsync): %.2f s%n", save);
                System.out.printf("  uncompressed .npz alone: %.2f s (%.0f MB)%n", plain,
                        Files.size(dir.resolve("plain.npz")) / 1e6);
                System.out.printf("  reference, DJL NDList NPZ (deflated): %.2f s (%.0f MB)%n", deflated,
                        Files.size(dir.resolve("deflated.npz")) / 1e6);
                System.out.printf("  ratio: uncompressed %.1fx faster%n", deflated / plain);
            }
        } finally {
            backend.close();
        }
    }

    private interface Writing {
        void run() throws IOException;
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, Content content) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            content.writeTo(out);
        }
    }

    private static double median(Writing writing) throws IOException {
        double[] seconds = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            writing.run();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }
}
