package org.mammoflow.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {

    @TempDir
    Path root;

    @Test
    void listsRunsWithTheirFilesEvaluationsAndTheExperimentsPictures() throws Exception {
        Path run = Files.createDirectories(root.resolve("demo/whole-run/evaluation-test"));
        Files.writeString(root.resolve("demo/whole-run/run.properties"), "seed=1\n");
        Files.writeString(root.resolve("demo/whole-run/metrics.csv"), "stage,epoch\n");
        Files.writeString(run.resolve("evaluation.json"), "{}");
        Files.writeString(root.resolve("demo/heatmap.png"), "png");
        Files.writeString(root.resolve("demo/whole-run/secret.key"), "not shown");
        Files.createDirectories(root.resolve("work/dashboard/x"));
        Files.writeString(root.resolve("work/dashboard/x/run.properties"), "");

        RunFolders runs = new RunFolders(root, root.resolve("work/dashboard"));
        List<RunFolders.Run> listed = runs.list();
        assertEquals(List.of("demo/whole-run"), listed.stream().map(RunFolders.Run::name).toList());
        assertEquals(List.of("evaluation-test/evaluation.json", "experiment/heatmap.png", "metrics.csv", "run.properties"),
                List.copyOf(listed.get(0).files().keySet()));
        assertTrue(runs.file("demo/whole-run", "experiment/heatmap.png").isPresent());
    }

    @Test
    void findsFilesOnlyByTheKeysOfTheListing() throws Exception {
        Files.createDirectories(root.resolve("a/run"));
        Files.writeString(root.resolve("a/run/run.properties"), "");
        Files.writeString(root.resolve("a/secret.properties"), "password=x");
        RunFolders runs = new RunFolders(root, root.resolve("work"));
        for (List<String> sneaky : List.of(List.of("a/run", "../secret.properties"), List.of("a/run/..", "secret.properties"),
                List.of("a", "secret.properties"), List.of("a/run", "/etc/passwd"), List.of("../..", "etc/passwd"))) {
            assertFalse(runs.file(sneaky.get(0), sneaky.get(1)).isPresent(), sneaky.toString());
        }
        assertTrue(runs.file("a/run", "run.properties").isPresent());
        assertFalse(runs.file(null, null).isPresent());
    }

    @Test
    void credentialsNeedBothSetAndCompareHashesToo() {
        assertFalse(new Credentials("", "").accept("", ""));
        assertFalse(new Credentials("alice", "").accept("alice", ""));
        assertTrue(new Credentials("alice", "pw").accept("alice", "pw"));
        assertFalse(new Credentials("alice", "pw").accept("admin", "pw"));
        Credentials hashed = new Credentials("alice", "{sha-256}" + Credentials.sha256("pw"));
        assertTrue(hashed.accept("alice", "pw"));
        assertFalse(hashed.accept("alice", Credentials.sha256("pw")));
    }

    @Test
    void jsonEscapesWhatAPageMustNotRunAsMarkup() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("a", java.util.Arrays.asList(1, 2.5, Double.NaN, true));
        value.put("b", "<script> \"x\"");
        assertEquals("{\"a\":[1,2.5,null,true],\"b\":\"\\u003cscript\\u003e \\\"x\\\"\"}", Json.of(value));
    }
}
