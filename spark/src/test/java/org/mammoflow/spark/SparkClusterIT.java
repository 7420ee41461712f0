package org.mammoflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.files.CsvTable;

/**
 * The Spark job as a user runs it, against a real standalone cluster (a master and two workers of one
 * core, processes on 127.0.0.1) and in local mode, compared with the runtime's own {@code mammo:predict}
 * and {@code mammo:preprocess} on the quick demo's checkpoint and images.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {

    private static final Path SPARK_JAR = Path.of("target", "mammoflow-spark.jar").toAbsolutePath();
    private static final Path SPARK_SUBMIT = Path.of("target", "bin", "spark-submit").toAbsolutePath();
    private static final Path RUNTIME_JAR = Path.of("..", "runtime", "target", "mammoflow.jar").toAbsolutePath()
            .normalize();
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Path DICOM = Path.of("..", "bundles", "org.mammoflow.dicom", "src", "test", "resources",
            "dicom", "explicit-le-16.dcm").toAbsolutePath().normalize();
    private static final Pattern CBIS_NAME = Pattern.compile("(Calc|Mass)-(Training|Test)_(P_\\d+)_(LEFT|RIGHT)_(CC|MLO)\\.png");

    @TempDir
    static Path work;

    private static StandaloneCluster cluster;
    private static Path checkpoint;
    private static Path images;

    @BeforeAll
    static void quickDemoAndCluster() throws Exception {
        Run demo = runtime("mammo:demo", "--quick", "-o", work.resolve("demo").toString());
        assertEquals(0, demo.status(), demo.all());
        checkpoint = work.resolve("demo/whole-run/best.npz");
        images = work.resolve("demo/images/images");
        cluster = new StandaloneCluster(Files.createDirectories(work.resolve("cluster")), 2, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theClustersPredictionsAreTheRuntimesPerImageBreastAndExam() throws Exception {
        Path reference = work.resolve("reference.csv");
        Run inProcess = runtime("mammo:predict", "-o", reference.toString(), checkpoint.toString(), images.toString());
        assertEquals(0, inProcess.status(), inProcess.all());
        Path manifest = manifestOf(images);

        Path out = work.resolve("cluster-predictions");
        Run job = run("spark-submit", List.of(SPARK_SUBMIT.toString(), "--master", cluster.url(), "--conf",
                "spark.executor.cores=1", SPARK_JAR.toString(), "predict", "-o", out.toString(), checkpoint.toString(),
                manifest.toString()));
        assertEquals(0, job.status(), job.all());

        Map<String, Double> expected = new HashMap<>();
        Map<String, Double> calibrated = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(reference).rows()) {
            if (row.get("kind").equals("image")) {
                expected.put(row.get("file"), Double.parseDouble(row.get("malignant")));
                calibrated.put(row.get("file"), Double.parseDouble(row.get("probability")));
            }
        }
        List<CsvTable.Row> rows = CsvTable.read(out.resolve("images.csv")).rows();
        assertEquals(expected.size(), rows.size(), job.all());
        Map<List<String>, Double> largestPerBreast = new HashMap<>();
        for (CsvTable.Row row : rows) {
            double p = Double.parseDouble(row.get("malignant"));
            assertEquals(expected.get(row.get("file")), p, 1e-6, row.get("file"));
            assertEquals(calibrated.get(row.get("file")), Double.parseDouble(row.get("probability")), 1e-5,
                    "the demo's stored calibration, as mammo:predict applies it: " + row.get("file"));
            assertEquals("", row.get("error"));
            largestPerBreast.merge(List.of(row.get("patient"), row.get("laterality")), p, Math::max);
        }
        List<CsvTable.Row> breasts = CsvTable.read(out.resolve("breasts.csv")).rows();
        assertEquals(largestPerBreast.size(), breasts.size());
        for (CsvTable.Row breast : breasts) {
            assertEquals(largestPerBreast.get(List.of(breast.get("patient"), breast.get("laterality"))),
                    Double.parseDouble(breast.get("malignant")), 1e-6, "a breast's probability is its largest view's");
        }
        CsvTable exams = CsvTable.read(out.resolve("exams.csv"));
        assertFalse(exams.rows().isEmpty());
        assertTrue(exams.header().contains("recall_screen"), "the demo's operating point: " + exams.header());
        String stored = Files.readString(checkpoint.resolveSibling("best.calibration.properties"));
        double threshold = Double.parseDouble(stored.replaceAll("(?s).*operating_point.screen=[^@]*@(\\S+).*", "$1"));
        for (CsvTable.Row exam : exams.rows()) {
            double score = Double.parseDouble(exam.get("malignant"));
            if (Math.abs(score - threshold) > 1e-5) {
                assertEquals(score >= threshold ? "1" : "0", exam.get("recall_screen"), exam.toString());
            }
        }
        for (String table : List.of("images", "breasts", "exams")) {
            assertTrue(Files.exists(out.resolve(table + ".parquet").resolve("_SUCCESS")), table);
        }
        String sha = rows.get(0).get("checkpoint_sha256");
        assertEquals(org.mammoflow.files.Digests.sha256(checkpoint), sha);

        // again from the run's own manifest, in bf16 where this CPU computes it natively: the executors get the precision
        String cpu = Files.readString(Path.of("/proc/cpuinfo"));
        boolean bf16 = cpu.contains(" avx512_bf16") || cpu.contains(" amx_bf16");
        Path again = work.resolve("from-parquet-manifest");
        Run fromParquet = job("predict", "--master", "local[2]", "--precision", bf16 ? "bf16" : "fp32", "-o",
                again.toString(), checkpoint.toString(), out.resolve("images.parquet").toString());
        assertEquals(0, fromParquet.status(), fromParquet.all());
        List<CsvTable.Row> second = CsvTable.read(again.resolve("images.csv")).rows();
        assertEquals(rows.size(), second.size(), "a run's images.parquet is a manifest");
        double largest = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (String column : List.of("file", "patient", "exam", "laterality", "view")) {
                assertEquals(rows.get(i).get(column), second.get(i).get(column), column);
            }
            largest = Math.max(largest, Math.abs(Double.parseDouble(rows.get(i).get("malignant"))
                    - Double.parseDouble(second.get(i).get("malignant"))));
        }
        assertTrue(bf16 ? largest > 0 && largest < 0.03 : largest == 0, "largest difference from fp32 " + largest);
    }

    @Test
    @Order(2)
    void preprocessingOnTheClusterWritesTheRuntimesBytes() throws Exception {
        Path raw = work.resolve("demo/raw");
        Path reference = work.resolve("reference-preprocessed");
        Run inProcess = runtime("mammo:preprocess", "--height", "288", "--width", "224", raw.toString(),
                reference.toString());
        assertEquals(0, inProcess.status(), inProcess.all());
        Path out = work.resolve("cluster-preprocessed");
        Run job = job("preprocess", "--master", cluster.url(), "--conf", "spark.executor.cores=1", "--height", "288",
                "--width", "224", raw.toString(), out.toString());
        assertEquals(0, job.status(), job.all());
        assertEquals(tree(reference), tree(out));
        for (Path file : tree(reference)) {
            assertTrue(Arrays.equals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(out.resolve(file))),
                    file + " differs");
        }
    }

    @Test
    @Order(3)
    void badFilesGetAnErrorRowAndTheJobSucceeds() throws Exception {
        Path mixed = Files.createDirectories(work.resolve("mixed"));
        Path good = Files.copy(images.resolve("Calc-Test_P_00007_LEFT_MLO.png"), mixed.resolve("good.png"));
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(good), 200);
        Path broken = Files.write(mixed.resolve("broken.png"), truncated);
        Path notes = Files.writeString(mixed.resolve("notes.txt"), "not a mammogram");
        Path dicom = Files.copy(DICOM, mixed.resolve("image.dcm"));
        Path out = work.resolve("mixed-predictions");
        Run job = runtime("mammo:predict", "--spark", "local[2]", "-o", out.toString(), checkpoint.toString(),
                good.toString(), broken.toString(), notes.toString(), dicom.toString());
        assertEquals(0, job.status(), job.all());
        Map<String, CsvTable.Row> rows = new HashMap<>();
        CsvTable.read(out.resolve("images.csv")).rows().forEach(row -> rows.put(row.get("file"), row));
        assertEquals(4, rows.size());
        assertEquals("1.2.826.0.1.3680043.8.498.46171085930704373310743219022990342216",
                rows.get(dicom.toString()).get("sop_instance_uid"), "a DICOM file's row carries its UIDs");
        assertEquals("", rows.get(good.toString()).get("error"));
        assertTrue(rows.get(broken.toString()).get("error").startsWith(broken.toString()), rows.toString());
        assertTrue(rows.get(notes.toString()).get("error").contains("not an image"), rows.toString());
        assertEquals("", rows.get(notes.toString()).get("malignant"));
    }

    @Test
    @Order(4)
    void aMissingCheckpointOrAnOutputInsideTheInputFailsBeforeAnythingIsSubmitted() throws Exception {
        Path missing = work.resolve("no-such/best.npz");
        Run job = job("predict", "--master", cluster.url(), "-o", work.resolve("never").toString(), missing.toString(),
                images.toString());
        assertEquals(1, job.status(), job.all());
        assertTrue(job.err().contains(missing + ": checkpoint not found"), job.err());
        assertFalse(job.err().contains("SparkContext"), "nothing was submitted: " + job.err());

        Path inside = images.resolve("predictions");
        job = job("predict", "-o", inside.toString(), checkpoint.toString(), images.toString());
        assertEquals(2, job.status(), job.all());
        assertTrue(job.err().contains("output folder " + inside + " is, or is inside, or holds the input " + images),
                job.err());
        assertFalse(Files.exists(work.resolve("never")) || Files.exists(inside));

        job = runtime("mammo:preprocess", "--spark", "local[2]", work.resolve("no-dataset").toString(),
                work.resolve("never").toString());
        assertEquals(1, job.status(), job.all());
        assertTrue(job.err().contains(work.resolve("no-dataset/dataset.csv") + ": no dataset here"), job.err());
        assertTrue(job.err().contains("the Spark job failed (exit status 1)"), job.err());
    }

    /** Last: it leaves the cluster one worker short. */
    @Test
    @Order(5)
    void aWorkerKilledWhileItsTasksRunLosesNoImageAndDoublesNone() throws Exception {
        Path out = work.resolve("killed-worker-predictions");
        ChildProcess driver = ChildProcess.java(work, "killed-worker-job", Map.of(), List.of("-jar", SPARK_JAR.toString(),
                "predict", "--master", cluster.url(), "--conf", "spark.executor.cores=1", "--conf",
                ProgressReport.PERIOD + "=1", "--flips", "-o", out.toString(),
                checkpoint.toString(), images.toString()));
        try (driver) {
            awaitPartlyDone(driver);
            cluster.worker(1).kill();
            assertEquals(0, driver.await(PATIENCE), driver.out() + driver.err());
            assertTrue(Pattern.compile("Lost (executor|task)").matcher(driver.err()).find(),
                    "Spark saw the executor go and ran its tasks again: " + driver.err());
        }
        List<String> files = CsvTable.read(out.resolve("images.csv")).rows().stream().map(r -> r.get("file")).toList();
        try (Stream<Path> expected = Files.list(images)) {
            assertEquals(expected.map(Path::toString).sorted().toList(), files, "every image once, in order");
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no partial output folder left");
        }
    }

    /** Until the job's progress says some images are scored and others not yet: its tasks are running. */
    private static void awaitPartlyDone(ChildProcess driver) throws Exception {
        Pattern progress = Pattern.compile("predict: (\\d+)/(\\d+) images");
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < until) {
            Matcher line = progress.matcher(driver.out());
            while (line.find()) {
                int done = Integer.parseInt(line.group(1));
                if (done > 0 && done < Integer.parseInt(line.group(2))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job reported no partial progress:\n" + driver.out() + driver.err());
    }

    /** A manifest of the images: patient, exam (the patient's one), breast and view from CBIS-DDSM's names. */
    private static Path manifestOf(Path folder) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = CBIS_NAME.matcher(file.getFileName().toString());
                assertTrue(name.matches(), file.toString());
                rows.add(List.of("images/" + file.getFileName(), name.group(3), "screening-1",
                        name.group(4).substring(0, 1), name.group(5)));
            }
        }
        Path manifest = folder.resolveSibling("manifest.csv");
        CsvTable.write(manifest, List.of("path", "patient", "exam", "laterality", "view"), rows);
        return manifest;
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run runtime(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildProcess.JAVA.toString(), "-jar", RUNTIME_JAR.toString()));
        command.addAll(List.of(arguments));
        return run("runtime-" + arguments[0].replace(':', '-'), command);
    }

    private static Run job(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildProcess.JAVA.toString(), "-jar", SPARK_JAR.toString()));
        command.addAll(List.of(arguments));
        return run("job-" + arguments[0], command);
    }

    private static int runs;

    private static Run run(String name, List<String> command) throws Exception {
        try (ChildProcess process = ChildProcess.start(work, name + "-" + ++runs, Map.of(), command)) {
            int status = process.await(PATIENCE);
            return new Run(status, process.out(), process.err());
        }
    }
}
