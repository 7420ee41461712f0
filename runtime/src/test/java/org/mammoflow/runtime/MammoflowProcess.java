package org.mammoflow.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The exported {@code target/mammoflow.jar} run as a user runs it, in a working folder of its own. */
final class MammoflowProcess {

    static final Path JAR = Path.of("target", "mammoflow.jar").toAbsolutePath();

    /** How a run ended: its exit status and what it printed. */
    record Run(int status, String out, String err) {
    }

    private MammoflowProcess() {
    }

    /** Runs the jar to its end (at most 15 minutes); its output also stays in FOLDER/run-out.txt, run-err.txt. */
    static Run launch(Path folder, String... arguments) throws IOException, InterruptedException {
        Process process = start(folder, "run", arguments);
        if (!process.waitFor(900, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mammoflow.jar " + List.of(arguments) + " did not exit within 900 s");
        }
        return new Run(process.exitValue(), Files.readString(folder.resolve("run-out.txt")),
                Files.readString(folder.resolve("run-err.txt")));
    }

    /** An interactive session: the jar without arguments reads {@code input}, command by command. */
    static Run session(Path folder, String input) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString());
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve("session-out.txt").toFile())
                .redirectError(folder.resolve("session-err.txt").toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the session did not end within 300 s");
        }
        return new Run(process.exitValue(), Files.readString(folder.resolve("session-out.txt")),
                Files.readString(folder.resolve("session-err.txt")));
    }

    /** Starts the jar with no input; its output goes to FOLDER/NAME-out.txt and NAME-err.txt. */
    static Process start(Path folder, String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(folder.resolve(name + "-out.txt").toFile())
                .redirectError(folder.resolve(name + "-err.txt").toFile()).start();
    }
}
