package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard under load (a benchmark, not part of the suite): while the runtime trains a patch
 * network, 20 clients follow its server-sent progress and 8 upload raw mammograms for prediction, each
 * up to {@value #UPLOADS_EACH} times, all on loopback. Every prediction must be answered once and equal
 * {@code mammo:predict}'s for the same file, and the training run's metrics must equal those of the same
 * run trained without load. Prints the latencies, the events each follower saw and the runtime's peak
 * resident memory. Run it with:
 * <pre>mvn -B -pl runtime verify -Dit.test=DashboardLoadBenchmark -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 */
class DashboardLoadBenchmark {

    private static final Path JAR = Path.of("target", "mammoflow.jar").toAbsolutePath();
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery staple";
    private static final int FOLLOWERS = 20;
    private static final int UPLOADERS = 8;
    private static final int UPLOADS_EACH = 10;
    private static final String TRAIN = "mammo:train-patch --wait -a resnet18 -e 0,0,3 -b 32 --size 112 -s 4 demo/patches ";
    private static final Pattern MALIGNANT = Pattern.compile("\"malignant\":\\s*([0-9.eE+-]+)");

    @TempDir
    Path workdir;

    @Test
    void predictionsAndProgressDuringTraining() throws Exception {
        assertEquals(0, run(List.of("mammo:demo", "--quick", "-o", "demo"), 900).exitValue(), "the quick demo");
        List<Path> mammograms = mammograms();
        List<String> predict = new ArrayList<>(List.of("mammo:predict", "-o", "reference.csv", "demo/whole-run/best.npz"));
        mammograms.forEach(m -> predict.add(m.toString()));
        assertEquals(0, run(predict, 600).exitValue(), "mammo:predict");
        assertEquals(mammograms.size(), reference(workdir.resolve("reference.csv")).size(), "one row a file");
        Map<String, Double> reference = reference(workdir.resolve("reference.csv"));
        long quiet = System.nanoTime();
        assertEquals(0, run(List.of((TRAIN + "quiet-run").split(" ")), 1800).exitValue(), "training without load");
        double quietSeconds = (System.nanoTime() - quiet) / 1e9;

        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/mammoflow/api";
        Files.writeString(workdir.resolve("load/org.mammoflow.dashboard.cfg"), "user=" + USER + "\npassword=" + PASSWORD
                + "\n");
        long loaded = System.nanoTime();
        Process training = start(List.of((TRAIN + "loaded-run").split(" ")), "-Dorg.osgi.service.http.port=" + port);
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        awaitDashboard(client, base, training);
        logIn(client, base);
        ExecutorService clients = Executors.newFixedThreadPool(FOLLOWERS + UPLOADERS);
        List<Future<Integer>> followers = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            followers.add(clients.submit(() -> follow(base, training)));
        }
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> uploaders = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            Path mammogram = mammograms.get(i % mammograms.size());
            uploaders.add(clients.submit(() -> {
                for (int n = 0; n < UPLOADS_EACH && training.isAlive(); n++) {
                    long sent = System.nanoTime();
                    double malignant = upload(client, base, mammogram);
                    latencies.add((System.nanoTime() - sent) / 1e9);
                    answered.incrementAndGet();
                    assertEquals(reference.get(mammogram.toString()), malignant, 1e-6,
                            mammogram + ": the dashboard's probability against mammo:predict's");
                }
                return null;
            }));
        }
        long peakKib = 0;
        while (training.isAlive()) {
            peakKib = Math.max(peakKib, residentPeakKib(training.pid()));
            training.waitFor(1, TimeUnit.SECONDS);
        }
        double loadedSeconds = (System.nanoTime() - loaded) / 1e9;
        assertEquals(0, training.exitValue(), Files.readString(workdir.resolve("err.txt")));
        for (Future<?> uploader : uploaders) {
            uploader.get(); // rethrows a wrong answer
        }
        List<Integer> events = new ArrayList<>();
        for (Future<Integer> follower : followers) {
            events.add(follower.get(60, TimeUnit.SECONDS));
        }
        clients.shutdownNow();
        assertEquals(metrics(workdir.resolve("quiet-run")), metrics(workdir.resolve("loaded-run")),
                "the training run's numbers under load");
        assertTrue(events.stream().allMatch(n -> n > 0), "every follower saw progress: " + events);
        List<Double> sorted = latencies.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "dashboard load, %s%n", java.time.Instant.now());
        System.out.printf(Locale.ROOT, "  training without load %.0f s, with load %.0f s (runtime start included)%n",
                quietSeconds, loadedSeconds);
        System.out.printf(Locale.ROOT, "  predictions answered %d, all equal to mammo:predict's; latency s: median %.2f,"
                + " 90%% %.2f, max %.2f%n", answered.get(), quantile(sorted, 0.5), quantile(sorted, 0.9),
                sorted.get(sorted.size() - 1));
        System.out.printf(Locale.ROOT, "  progress events per follower: min %d, max %d%n",
                Collections.min(events), Collections.max(events));
        System.out.printf(Locale.ROOT, "  runtime's peak resident memory (VmHWM) %.0f MiB%n", peakKib / 1024.0);
    }

    /** Reads server-sent events until the stream or the runtime ends; the number of progress events. */
    private static int follow(String base, Process training) throws IOException, InterruptedException {
        HttpClient own = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = own.send(HttpRequest.newBuilder(URI.create(base + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int progress = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && training.isAlive(); line = lines.readLine()) {
                progress += line.startsWith("data:") ? 1 : 0;
            }
        } catch (IOException e) {
            // the runtime went away at the end of its command: the stream ends with it
        }
        return progress;
    }

    private static double upload(HttpClient client, String base, Path mammogram) throws IOException, InterruptedException {
        String name = mammogram.getFileName().toString();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/predict?run=demo/whole-run"
                + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))).header("X-Mammoflow", "1")
                .POST(HttpRequest.BodyPublishers.ofFile(mammogram)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), name + ": " + answer.body());
        Matcher malignant = MALIGNANT.matcher(answer.body());
        assertTrue(malignant.find(), answer.body());
        return Double.parseDouble(malignant.group(1));
    }

    private static void logIn(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("X-Mammoflow", "1").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + USER + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
    }

    private void awaitDashboard(HttpClient client, String base, Process runtime) throws Exception {
        while (runtime.isAlive()) {
            try {
                // the prediction servlet comes last: it waits for the network backend
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/predict")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the runtime ended before its dashboard answered: " + Files.readString(workdir.resolve("err.txt")));
    }

    /** The first raw mammograms of the demo, one per uploader at most. */
    private List<Path> mammograms() throws IOException {
        try (Stream<Path> raw = Files.walk(workdir.resolve("demo/raw"))) {
            return raw.filter(p -> p.toString().endsWith(".png") && !p.toString().contains("mask")).sorted()
                    .limit(UPLOADERS).toList();
        }
    }

    /** mammo:predict's malignant probability (to its CSV's 6 decimals) by file, as given (CBIS-DDSM names every image 1-1). */
    private static Map<String, Double> reference(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Double> byFile = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            byFile.put(fields[header.indexOf("file")],
                    Double.parseDouble(fields[header.indexOf("malignant")]));
        }
        return byFile;
    }

    /** metrics.csv without the columns that time the run. */
    private static List<String> metrics(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .map(line -> String.join(",", List.of(line.split(",")).subList(0, line.split(",").length - 3))).toList();
    }

    private static long residentPeakKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process has just ended
        }
        return 0;
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private Process run(List<String> command, int seconds) throws Exception {
        Process process = start(command);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + seconds + " s");
        }
        return process;
    }

    private Process start(List<String> command, String... jvmOptions) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(List.of(jvmOptions));
        line.addAll(List.of("-jar", JAR.toString()));
        line.addAll(command);
        return new ProcessBuilder(line).directory(workdir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workdir.resolve("out.txt").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(workdir.resolve("err.txt").toFile())).start();
    }
}
