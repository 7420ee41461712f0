package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void infoAnswersAndExitsWithZero() throws Exception {
        Run run = launch("", "mammo:info");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("services"), run.out());
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

    private Run launch(String input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        Path out = workdir.resolve("out.txt");
        Path err = workdir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(workdir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mammoflow.jar " + arguments + " did not exit within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
