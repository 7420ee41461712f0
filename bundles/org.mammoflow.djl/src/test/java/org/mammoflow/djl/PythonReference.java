package org.mammoflow.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A benchmark's Python PyTorch reference: a script under src/test/python whose last output line is its figures. */
final class PythonReference {

    private PythonReference() {
    }

    /**
     * The script's last line, or null when there is no python (-Dbenchmark.python, default /usr/bin/python3)
     * or the script failed (its output is printed).
     */
    static String lastLine(String script, Object... arguments) throws IOException, InterruptedException {
        String python = System.getProperty("benchmark.python", "/usr/bin/python3");
        if (!Files.isExecutable(Path.of(python))) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(python, "src/test/python/" + script));
        for (Object argument : arguments) {
            command.add(String.valueOf(argument));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            System.out.println("  Python PyTorch failed: " + output);
            return null;
        }
        return output.lines().reduce((a, b) -> b).orElse("").trim();
    }
}
