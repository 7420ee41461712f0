package org.mammoflow.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 as Spark runs one: a master and workers, each its own JVM
 * started from Spark's classes ({@code org.apache.spark.deploy.master.Master}, {@code ...worker.Worker}).
 * Its Spark home is the build's {@code target/} (its {@code jars/} folder holds Spark), from which each
 * worker starts its executors.
 */
final class StandaloneCluster implements AutoCloseable {

    static final Path SPARK_HOME = Path.of("target").toAbsolutePath();

    private final ChildProcess master;
    private final List<ChildProcess> workers = new ArrayList<>();
    private final String url;

    StandaloneCluster(Path folder, int workers, int coresEach) throws Exception {
        int port = freePort();
        url = "spark://127.0.0.1:" + port;
        master = ChildProcess.java(folder, "master", Map.of(), spark("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        awaitListening(port);
        for (int i = 1; i <= workers; i++) {
            Path work = Files.createDirectories(folder.resolve("worker" + i));
            this.workers.add(ChildProcess.java(folder, "worker" + i,
                    Map.of("SPARK_HOME", SPARK_HOME.toString(), "SPARK_SCALA_VERSION", "2.13"),
                    spark("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                            String.valueOf(coresEach), "--memory", "3g", "--webui-port", String.valueOf(freePort()),
                            "--work-dir", work.toString(), url)));
        }
        awaitWorkers(folder, workers);
    }

    String url() {
        return url;
    }

    ChildProcess worker(int i) {
        return workers.get(i - 1);
    }

    private static List<String> spark(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-Xmx512m", "-Dspark.master.rest.enabled=false", "-cp",
                SPARK_HOME.resolve("jars").toString() + "/*", mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on " + port + " within 60 s");
    }

    /** Until the master's log says every worker registered. */
    private void awaitWorkers(Path folder, int count) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            String log = master.err() + master.out();
            if (log.split("Registering worker", -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + count + " workers registered within 60 s:\n" + master.err());
    }

    @Override
    public void close() {
        workers.forEach(ChildProcess::close);
        master.close();
    }
}
