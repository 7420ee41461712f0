package org.mammoflow.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The names a client sends to the dashboard's file handlers (GET /api/runs/file?run=&key=, the run of
 * POST /api/predict and /api/runs/resume) reach a run or a file only when the listing shows them: no
 * path outside the runs folder, none through a link, none in the work folder, and no exception. Upload
 * bodies go through the image readers, fuzzed by PngFuzzTest and DicomFuzzTest. Replayed on the committed
 * inputs (RunFilesFuzzTestInputs) by every test run; fuzzed with {@code JAZZER_FUZZ=1} (docs/benchmarks.md).
 */
class RunFilesFuzzTest {

    @TempDir
    static Path root;
    static RunFolders runs;
    static List<RunFolders.Run> listed;

    @BeforeAll
    static void runsFolder() throws IOException {
        Path runsFolder = Files.createDirectories(root.resolve("runs"));
        for (String run : List.of("experiment/run-1", "experiment/run-2", "work/dashboard/uploads")) {
            Path folder = Files.createDirectories(runsFolder.resolve(run));
            Files.writeString(folder.resolve("run.properties"), "seed=1\n");
            Files.writeString(folder.resolve("best.npz"), "weights");
        }
        Files.createDirectories(runsFolder.resolve("experiment/run-1/evaluation-test"));
        Files.writeString(runsFolder.resolve("experiment/run-1/evaluation-test/roc.png"), "png");
        Files.writeString(runsFolder.resolve("experiment/heatmap.png"), "png");
        Files.writeString(root.resolve("secret.txt"), "not the dashboard's");
        Path outside = Files.createDirectories(root.resolve("outside-run"));
        Files.writeString(outside.resolve("run.properties"), "seed=1\n");
        Files.createSymbolicLink(runsFolder.resolve("experiment/linked"), outside);
        runs = new RunFolders(runsFolder, runsFolder.resolve("work"));
        listed = runs.list();
    }

    @FuzzTest(maxDuration = "10m")
    void onlyListedFilesAreServed(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int split = text.indexOf('\u0001'); // run name, then file key
        String name = split < 0 ? text : text.substring(0, split);
        String key = split < 0 ? "best.npz" : text.substring(split + 1);
        Optional<RunFolders.Run> run = runs.run(name);
        assertTrue(run.isEmpty() || listed.contains(run.get()), () -> name + " reached " + run);
        Optional<Path> file = runs.file(name, key);
        assertTrue(file.isEmpty() || listed.stream().anyMatch(r -> r.files().containsValue(file.get())),
                () -> name + " / " + key + " reached " + file);
    }
}
