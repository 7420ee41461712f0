package org.mammoflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.djl.BackendConfig;
import org.mammoflow.djl.ResNetBackend;
import org.mammoflow.files.CsvTable;

/**
 * Images a second of {@code predict} on synthetic 1152 x 896 mammograms, whole commands as a user
 * runs them (start-up included), round after round: the runtime's {@code mammo:predict} in one JVM
 * (the reference), the Spark job in local[2], and on a standalone cluster of one worker of one core,
 * then two. A benchmark, not a test:
 * {@code mvn -pl spark verify -Dit.test=SparkPredictBenchmark} (-Dbenchmark.images, -Dbenchmark.rounds,
 * -Dbenchmark.network).
 */
class SparkPredictBenchmark {

    private static final int IMAGES = Integer.getInteger("benchmark.images", 200);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    private static final String NETWORK = System.getProperty("benchmark.network", "resnet18+resnet-head");
    private static final Path SPARK_JAR = Path.of("target", "mammoflow-spark.jar").toAbsolutePath();
    private static final Path SPARK_SUBMIT = Path.of("target", "bin", "spark-submit").toAbsolutePath();
    private static final Path RUNTIME_JAR = Path.of("..", "runtime", "target", "mammoflow.jar").toAbsolutePath()
            .normalize();
    private static final Duration PATIENCE = Duration.ofMinutes(60);
    private static final Pattern SCORING = Pattern.compile("scoring: \\d+ images in ([0-9.]+) s");

    @TempDir
    Path work;

    private int runs;

    @Test
    void predictInProcessInLocalModeAndOnOneAndTwoWorkers() throws Exception {
        Path images = images();
        Path checkpoint = checkpoint();
        System.out.printf(Locale.ROOT, "%d images of 1152 x 896, %s, %d rounds%n", IMAGES, NETWORK, ROUNDS);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            time(seconds, "in-process mammo:predict", List.of(ChildProcess.JAVA.toString(), "-jar",
                    RUNTIME_JAR.toString(), "mammo:predict", checkpoint.toString(), images.toString()));
            time(seconds, "Spark local[2]", List.of(ChildProcess.JAVA.toString(), "-jar", SPARK_JAR.toString(),
                    "predict", "--master", "local[2]", "-o", out(), checkpoint.toString(), images.toString()));
            for (int workers = 1; workers <= 2; workers++) {
                try (StandaloneCluster cluster = new StandaloneCluster(
                        Files.createDirectories(work.resolve("cluster-" + round + "-" + workers)), workers, 1)) {
                    time(seconds, "standalone, " + workers + (workers == 1 ? " worker" : " workers") + " of 1 core",
                            List.of(SPARK_SUBMIT.toString(), "--master", cluster.url(), "--conf",
                                    "spark.executor.cores=1", SPARK_JAR.toString(), "predict", "-o", out(),
                                    checkpoint.toString(), images.toString()));
                }
            }
        }
        System.out.println("| how | seconds (each round) | images/s (each round) |");
        System.out.println("| --- | --- | --- |");
        seconds.forEach((how, times) -> System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", how,
                String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.1f", t)).toList()),
                String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.2f", IMAGES / t)).toList())));
    }

    /** The command's wall time, and for the Spark job its scoring stage's too (what the job says of it). */
    private void time(Map<String, List<Double>> seconds, String how, List<String> command) throws Exception {
        long start = System.nanoTime();
        String said;
        try (ChildProcess process = ChildProcess.start(work, "run-" + ++runs, Map.of(), command)) {
            assertEquals(0, process.await(PATIENCE), process.out() + process.err());
            said = process.out();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        seconds.computeIfAbsent(how, k -> new ArrayList<>()).add(elapsed);
        System.out.printf(Locale.ROOT, "%s: %.1f s, %.2f images/s%n", how, elapsed, IMAGES / elapsed);
        Matcher scoring = SCORING.matcher(said);
        if (scoring.find()) {
            double stage = Double.parseDouble(scoring.group(1));
            seconds.computeIfAbsent(how + ": scoring stage", k -> new ArrayList<>()).add(stage);
            System.out.printf(Locale.ROOT, "%s, scoring stage: %.1f s, %.2f images/s%n", how, stage, IMAGES / stage);
        }
    }

    private String out() {
        return work.resolve("out-" + runs).toString();
    }

    /** The first IMAGES mammograms of a synthetic CBIS-DDSM-shaped dataset drawn at 1152 x 896, in one folder. */
    private Path images() throws Exception {
        Path raw = work.resolve("raw");
        try (ChildProcess synth = ChildProcess.start(work, "synth", Map.of(), List.of(ChildProcess.JAVA.toString(),
                "-jar", RUNTIME_JAR.toString(), "--script", Files.writeString(work.resolve("synth.gosh"), String.join("\n",
                        "mammo:synth -p " + (IMAGES * 3 / 4 + 10) + " --width 896 --height 1152 -s 3 " + raw,
                        "mammo:import " + raw, "")).toString()))) {
            assertEquals(0, synth.await(PATIENCE), synth.out() + synth.err());
        }
        Path images = Files.createDirectories(work.resolve("images"));
        List<String> copied = new ArrayList<>();
        for (CsvTable.Row row : CsvTable.read(raw.resolve("dataset.csv")).rows()) {
            String image = row.get("image");
            if (copied.size() < IMAGES && !copied.contains(image)) {
                copied.add(image);
                Files.copy(raw.resolve(image), images.resolve(String.format(Locale.ROOT, "%04d.png", copied.size())));
            }
        }
        assertEquals(IMAGES, copied.size(), "the synthetic dataset has too few images");
        return images;
    }

    /** A whole-image network of the paper's input size (its weights do not change the time). */
    private Path checkpoint() throws Exception {
        Path file = work.resolve("whole/best.npz");
        BackendConfig cpu = (BackendConfig) Proxy.newProxyInstance(BackendConfig.class.getClassLoader(),
                new Class<?>[] {BackendConfig.class}, (proxy, method, args) -> method.getName().equals("device")
                        ? "cpu" : method.getDefaultValue());
        ResNetBackend backend = new ResNetBackend(cpu);
        try (Network network = backend.create(new NetworkSpec(NETWORK, 2, 1152, 896), 7)) {
            network.save(new Checkpoint(file, network.spec(), 1, 1, Map.of()));
        } finally {
            backend.close();
        }
        return file;
    }
}
