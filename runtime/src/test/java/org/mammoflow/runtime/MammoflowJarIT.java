package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launches the exported {@code target/mammoflow.jar} as a user does, in a fresh working folder. */
class MammoflowJarIT {

    private static final Path JAR = Path.of("target", "mammoflow.jar").toAbsolutePath();

    @TempDir
    Path workdir;

    record Run(int status, String out, String err) {
    }

    /** A quiet start: nothing on standard error (no SPI Fly, SLF4J or CUDA lines); the device is in the listing. */
    @Test
    void infoAnswersAndExitsWithZero() throws Exception {
        Run run = launch("", "mammo:info");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("services"), run.out());
        assertEquals("", run.err(), "standard error of mammo:info");
        assertTrue(run.out().matches("(?s).*\\n  device: (cpu\\(\\)|gpu\\(\\d+\\)).*"), run.out());
    }

    /** A port in use: one line that names it and the setting that moves it, and the command still runs. */
    @Test
    void aDashboardPortInUseIsOneLineNamingThePortAndTheSetting() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.osgi.service.http.port=" + taken.getLocalPort(), "-jar", JAR.toString(), "mammo:info")
                    .directory(workdir.toFile()).redirectOutput(workdir.resolve("out.txt").toFile())
                    .redirectError(workdir.resolve("err.txt").toFile()).start();
            assertTrue(process.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
            assertEquals(List.of("mammoflow: the dashboard is not served: nothing listens on 127.0.0.1:" + taken.getLocalPort()
                    + " (the port is probably in use by another program); move it with org.osgi.service.http.port = PORT in"
                    + " load/org.apache.felix.http.cfg"), Files.readAllLines(workdir.resolve("err.txt")));
            assertTrue(Files.readString(workdir.resolve("out.txt")).contains("services"));
        }
    }

    @Test
    void everyBundleIsActive() throws Exception {
        Run run = launch("", "lb");
        assertEquals(0, run.status(), run.err());
        List<String> bundles = run.out().lines().filter(line -> line.matches("\\s*\\d+\\|.*")).toList();
        assertTrue(bundles.size() >= 10, run.out());
        List<String> inactive = bundles.stream().filter(line -> !line.contains("|Active ")).toList();
        assertEquals(List.of(), inactive);
        assertTrue(run.out().contains("Mammoflow shell"), run.out());
    }

    @Test
    void helpDescribesTheCommandAndItsOptions() throws Exception {
        Run run = launch("", "help", "mammo:info");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("list the Mammoflow services present"), run.out());
        assertTrue(run.out().contains("--all") && run.out().contains("--type"), run.out());
    }

    @Test
    void failingCommandExitsWithOneAndSaysWhy() throws Exception {
        Run run = launch("", "mammo:no-such-command");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("mammo:no-such-command"), run.err());
    }

    @Test
    void argumentsWithSpacesReachTheCommandAndAFailedConversionExitsWithOne() throws Exception {
        Path folder = Files.createDirectories(workdir.resolve("my dicoms"));
        Files.writeString(folder.resolve("not really.dcm"), "not DICOM");
        Run run = launch("", "mammo:convert", "-o", workdir.resolve("png out").toString(), folder.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("FAILED " + folder.resolve("not really.dcm") + ": not a DICOM file"), run.out());
        assertTrue(run.err().contains("converted 0 of 1 files; 1 failed"), run.err());
    }

    @Test
    void scriptRunsEveryLine() throws Exception {
        Path script = Files.writeString(workdir.resolve("check.gosh"), "echo first\necho second\n");
        Run run = launch("", "--script", script.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("first") && run.out().contains("second"), run.out());
    }

    @Test
    void missingScriptIsNamed() throws Exception {
        Run run = launch("", "--script", "missing.gosh");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("missing.gosh") && run.err().contains("not found"), run.err());
    }

    @Test
    void interactiveShellReadsCommandsUntilExit() throws Exception {
        Run run = launch("mammo:info --type NoSuchService\nmammo:info --type sampling\nno:such\nexit\n");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("mammo> "), run.out());
        assertTrue(run.out().contains("0 services"), run.out());
        assertTrue(run.out().contains("sampler.name = s10") && run.out().contains("sampler.name = s\n"), run.out());
        assertTrue(run.err().contains("no:such"), "an error does not end the session: " + run.err());
    }

    @Test
    void createsTheDeployFolder() throws Exception {
        launch("", "mammo:info");
        assertTrue(Files.isDirectory(workdir.resolve("load")));
    }

    @Test
    void aTrainingRunKilledWithSigkillResumesFromItsLastCompleteCheckpoint() throws Exception {
        Files.writeString(workdir.resolve("patches.gosh"), String.join("\n",
                "mammo:synth -p 6 --width 400 --height 700 -s 5 synth",
                "mammo:import -v 0.3 -s 5 synth",
                "mammo:preprocess synth pre",
                "mammo:sample -s 5 pre patches", ""));
        Run patches = launch("", "--script", "patches.gosh");
        assertEquals(0, patches.status(), patches.err());

        killAfterFirstEpoch("run", "mammo:train-patch", "-a", "resnet18", "-e", "3,1,1", "-b", "16", "--wait",
                "patches", "run"); // SIGKILL: no shutdown hook, no clean-up

        Run resumed = launch("", "mammo:resume", "--wait", "run");
        assertEquals(0, resumed.status(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("succeeded"), resumed.out());
        String log = Files.readString(workdir.resolve("run/train.log"));
        assertTrue(log.matches("(?s).*resuming after stage 1 epoch [123] .*"), log);
        List<String> epochs = Files.readAllLines(workdir.resolve("run/metrics.csv")).stream().skip(1)
                .map(line -> line.substring(0, 3)).toList();
        assertEquals(List.of("1,1", "1,2", "1,3", "2,1", "3,1"), epochs);

        // without --wait, the process waits for the job it started instead of cancelling it on exit
        Run unwaited = launch("", "mammo:train-patch", "-a", "resnet18", "-e", "1,0,0", "-b", "16", "patches", "run2");
        assertEquals(0, unwaited.status(), unwaited.out() + unwaited.err());
        assertTrue(unwaited.err().contains("waiting for job-1 to finish"), unwaited.err());
        assertTrue(unwaited.out().contains("job-1 succeeded"), unwaited.out());
        assertTrue(Files.exists(workdir.resolve("run2/best.npz")));
    }

    /**
     * A patch run and a whole-image run, each killed (SIGKILL) after its first epoch, then resumed in a new
     * process after load/org.mammoflow.training.cfg changed settings that would change their numbers: each
     * ends byte for byte as its uninterrupted twin, because a run reads them from its run.properties.
     */
    @Test
    void runsKilledThenResumedAfterTheConfigurationChangedEndAsTheUninterruptedOnes() throws Exception {
        String patch = "mammo:train-patch --wait -a resnet18 -e 2,1,1 -b 16 --size 64 -s 3 patches ";
        String whole = "mammo:train-whole --wait -e 2,1 -b 4,2 --height 256 --width 192 -s 3 patch/best.npz pre ";
        Files.writeString(workdir.resolve("uninterrupted.gosh"), String.join("\n",
                "mammo:synth -p 6 --width 400 --height 700 -s 5 synth",
                "mammo:import -v 0.3 -s 5 synth",
                "mammo:preprocess --height 256 --width 192 synth pre",
                "mammo:config org.mammoflow.sampling.s10 patchSize=64",
                "mammo:sample -s 5 pre patches",
                patch + "patch", whole + "whole", ""));
        Run uninterrupted = launch("", "--script", "uninterrupted.gosh");
        assertEquals(0, uninterrupted.status(), uninterrupted.out() + uninterrupted.err());

        killAfterFirstEpoch("patch-cut", (patch + "patch-cut").split(" "));
        killAfterFirstEpoch("whole-cut", (whole + "whole-cut").split(" "));
        Files.writeString(workdir.resolve("load/org.mammoflow.training.cfg"), "augment=false\nfeatureCacheVariants=1\n");
        Run configured = launch("", "mammo:config", "org.mammoflow.training");
        assertTrue(configured.out().matches("(?s).*augment +boolean += false.*featureCacheVariants int += 1 .*"),
                "a runtime started now trains with the changed settings: " + configured.out());
        for (String run : List.of("patch", "whole")) {
            Run resumed = launch("", "mammo:resume", "--wait", run + "-cut");
            assertEquals(0, resumed.status(), resumed.out() + resumed.err());
            assertTrue(Files.readString(workdir.resolve(run + "-cut/train.log")).contains("resuming after stage 1"));
            assertEquals(metrics(workdir.resolve(run)), metrics(workdir.resolve(run + "-cut")), run);
            assertEquals(-1, Files.mismatch(workdir.resolve(run + "/best.npz"), workdir.resolve(run + "-cut/best.npz")),
                    run + ": best.npz byte for byte");
        }
    }

    /** Starts a training command and kills its process (SIGKILL) once the run's first epoch is checkpointed. */
    private void killAfterFirstEpoch(String run, String... command) throws Exception {
        Process training = start(run, command);
        Path firstEpoch = workdir.resolve(run + "/checkpoints/stage1-epoch001.json");
        while (!Files.exists(firstEpoch) && training.isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(training.isAlive(), "killed before the run ended: " + Files.readString(workdir.resolve(run + "-err.txt")));
        training.destroyForcibly().waitFor();
    }

    /** metrics.csv without the columns that time the run (images/s, data wait, seconds). */
    private static List<String> metrics(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .map(line -> line.substring(0, nthLastComma(line, 3))).toList();
    }

    private static int nthLastComma(String line, int n) {
        int at = line.length();
        for (int i = 0; i < n; i++) {
            at = line.lastIndexOf(',', at - 1);
        }
        return at;
    }

    @Test
    void theQuickDemoRunsTheWholeMethodAndWritesSaneResults() throws Exception {
        Run demo = launch("", "mammo:demo", "--quick", "-o", "demo");
        assertEquals(0, demo.status(), demo.out() + demo.err());
        assertTrue(demo.out().contains("Mammoflow demo summary"), demo.out());
        assertTrue(java.util.regex.Pattern.compile("5/7 train the patch classifier +\\d+ min \\d+ s")
                .matcher(demo.out()).find(), "the summary gives each step's time: " + demo.out());
        Path root = workdir.resolve("demo");
        String log = Files.readString(root.resolve("whole-run/train.log"));
        assertTrue(log.contains("x 2 variants") && log.contains("computed"), "stage 1 on the feature cache: " + log);
        assertFalse(Files.exists(root.resolve("whole-run/feature-cache")), "the cache goes with its stage");
        try (var checkpoints = Files.list(root.resolve("whole-run/checkpoints"))) {
            assertEquals(List.of("stage2-epoch001.json", "stage2-epoch001.npz"),
                    checkpoints.map(p -> p.getFileName().toString()).sorted().toList(), "best.npz and the latest");
        }
        Path plain = Files.createFile(root.resolve("plain-file")); // what the user's umask gives any new file
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(root.resolve("whole-run/best.npz")),
                "a checkpoint gets a user's file permissions, not a temporary file's 0600");
        List<String> metrics = Files.readAllLines(root.resolve("whole-run/metrics.csv"));
        assertEquals(3, metrics.size(), "header and one row per epoch of the 2 stages: " + metrics);
        assertEquals(4, Files.readAllLines(root.resolve("patch-run/metrics.csv")).size(), "one row per stage");
        String patch = Files.readAllLines(root.resolve("patches/patches.csv")).get(1);
        assertTrue(patch.contains(",112,"), "the demo's mammo:config reached the S10 sampler: " + patch);
        String report = Files.readString(root.resolve("whole-run/evaluation-test/evaluation.json"));
        java.util.regex.Matcher auc = java.util.regex.Pattern.compile("\"auc\": ([0-9.eE+-]+)").matcher(report);
        assertTrue(auc.find(), report);
        double value = Double.parseDouble(auc.group(1));
        assertTrue(value >= 0 && value <= 1, report);
        for (String png : List.of("whole-run/evaluation-test/roc.png", "heatmap.png", "patch-run/curve.png",
                "whole-run/curve.png")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(root.resolve(png).toFile());
            assertTrue(image != null && image.getWidth() > 100, png);
        }
        java.awt.image.BufferedImage heatmap = javax.imageio.ImageIO.read(root.resolve("heatmap.png").toFile());
        assertEquals(448, heatmap.getWidth());
        assertEquals(576, heatmap.getHeight());
        examsOfPredictEqualThoseOfTheEvaluation(root);
    }

    /**
     * The demo calibrated its whole-image model with the operating point "screen": mammo:predict on the
     * raw CBIS-DDSM tree scores its full mammograms only, and its exam rows (score, calibrated probability,
     * recall decision) equal the evaluation's exams.csv for the test patients.
     */
    private void examsOfPredictEqualThoseOfTheEvaluation(Path root) throws Exception {
        String calibration = Files.readString(root.resolve("whole-run/best.calibration.properties"));
        assertTrue(calibration.contains("operating_point.screen=sensitivity:0.9@"), calibration);
        double threshold = Double.parseDouble(calibration.replaceAll("(?s).*operating_point.screen=sensitivity:0.9@(\\S+).*", "$1"));
        Run predict = launch("", "mammo:predict", "--flips", "-o", "p.csv", "demo/whole-run/best.npz", "demo/raw");
        assertEquals(0, predict.status(), predict.out() + predict.err());
        List<String> rows = Files.readAllLines(workdir.resolve("p.csv"));
        assertEquals("kind,file,patient,exam,laterality,view,images,missing_views,malignant,probability,recall_screen",
                rows.get(0));
        long images = rows.stream().filter(r -> r.startsWith("image,")).count();
        long listed = Files.readAllLines(root.resolve("images/dataset.csv")).stream().skip(1)
                .map(r -> r.substring(0, r.indexOf(','))).distinct().count();
        assertEquals(listed, images, "the full mammograms only, not their ROI masks and crops");
        java.util.Map<String, String[]> predicted = new java.util.HashMap<>();
        for (String row : rows) {
            String[] c = row.split(",", -1);
            if (c[0].equals("exam")) {
                predicted.put(c[2], new String[] { c[8], c[9] });
                double score = Double.parseDouble(c[8]);
                if (Math.abs(score - threshold) > 1e-5) { // the threshold is a validation exam's score; 6 decimals here
                    assertEquals(score >= threshold ? "1" : "0", c[10], "recall at the stored point: " + row);
                }
            }
        }
        List<String> evaluated = Files.readAllLines(root.resolve("whole-run/evaluation-test/exams.csv"));
        assertEquals("patient,exam,breasts,images,missing_views,malignant,probability,cancer", evaluated.get(0));
        assertTrue(evaluated.size() > 2, "test exams: " + evaluated);
        for (String row : evaluated.subList(1, evaluated.size())) {
            String[] c = row.split(",", -1);
            String[] p = predicted.get(c[0]);
            assertTrue(p != null, "mammo:predict has an exam row for test patient " + c[0]);
            for (int k = 0; k < 2; k++) { // batches of 16 against one image at a time: equal to float rounding
                assertEquals(Double.parseDouble(c[5 + k]), Double.parseDouble(p[k]), 1e-5, "exam of " + c[0] + ": " + row);
            }
        }
        bf16PredictionsFollowFp32s(predicted);
        Files.copy(root.resolve("whole-run/best.npz"), root.resolve("whole-run/uncalibrated.npz"));
        Files.copy(root.resolve("whole-run/best.json"), root.resolve("whole-run/uncalibrated.json"));
        Run refused = launch("", "mammo:predict", "--calibrated", "demo/whole-run/uncalibrated.npz", "demo/raw");
        assertEquals(1, refused.status(), refused.out() + refused.err());
        assertTrue(refused.err().contains("uncalibrated.npz has no calibration: run mammo:calibrate"), refused.err());
    }

    /**
     * mammo:predict --precision bf16: exam scores within bfloat16's rounding of fp32's (PrecisionTest's
     * tolerance) where the CPU computes bfloat16 natively; elsewhere refused, saying why and how to force it.
     */
    private void bf16PredictionsFollowFp32s(java.util.Map<String, String[]> fp32) throws Exception {
        Run predict = launch("", "mammo:predict", "--flips", "--precision", "bf16", "-o", "bf16.csv",
                "demo/whole-run/best.npz", "demo/raw");
        String flags = Files.readString(Path.of("/proc/cpuinfo"));
        if (!flags.contains(" avx512_bf16") && !flags.contains(" amx_bf16")) {
            assertEquals(1, predict.status(), predict.out() + predict.err());
            assertTrue(predict.err().contains("bf16 refused: this CPU computes bfloat16 only in emulation")
                    && predict.err().contains("forceBf16=true"), predict.err());
            return;
        }
        assertEquals(0, predict.status(), predict.out() + predict.err());
        double largest = 0;
        for (String row : Files.readAllLines(workdir.resolve("bf16.csv"))) {
            String[] c = row.split(",", -1);
            if (c[0].equals("exam")) {
                largest = Math.max(largest, Math.abs(Double.parseDouble(c[8]) - Double.parseDouble(fp32.get(c[2])[0])));
            }
        }
        assertTrue(largest > 0 && largest < 0.03, "exam scores in bf16 differ from fp32's by at most " + largest);
    }

    private Run launch(String input, String... arguments) throws IOException, InterruptedException {
        Process process = start("", arguments);
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(900, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mammoflow.jar " + List.of(arguments) + " did not exit within 900 s");
        }
        return new Run(process.exitValue(), Files.readString(workdir.resolve("out.txt")),
                Files.readString(workdir.resolve("err.txt")));
    }

    /** Starts the jar; its output goes to NAME-out.txt / NAME-err.txt (out.txt / err.txt without a name). */
    private Process start(String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        String prefix = name.isEmpty() ? "" : name + "-";
        return new ProcessBuilder(command).directory(workdir.toFile())
                .redirectOutput(workdir.resolve(prefix + "out.txt").toFile())
                .redirectError(workdir.resolve(prefix + "err.txt").toFile()).start();
    }
}
