package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's console as a person meets it: in a pseudo-terminal (util-linux {@code script}), typing
 * keys. ANSI colours and cursor moves are stripped before the screen's text is searched.
 */
class TerminalConsoleIT {

    private static final Path JAR = Path.of("target", "mammoflow.jar").toAbsolutePath();
    private static final String UP = "\u001bOA"; // the up arrow, as a terminal in keypad mode sends it
    private static final String CTRL_C = "\u0003";
    private static final String CTRL_U = "\u0015"; // erase the line typed so far
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z@]|\u001b[=>]|[\b\u0007]");

    @TempDir
    Path workdir;
    private Process console;
    private final StringBuffer screen = new StringBuffer();

    @AfterEach
    void stop() {
        if (console != null) {
            console.destroyForcibly();
        }
    }

    @Test
    void completionHelpAndHistoryOnATerminal() throws Exception {
        Files.createDirectories(workdir.resolve("patches-for-test"));
        open();
        type("mammo:train-p\t");
        await("mammo:train-patch ");
        type("--ep\t");
        await("--epochs ");
        type(CTRL_U + "mammo:sample pre patches-f\t");
        await("patches-for-test/");
        type(CTRL_U + "help train-patch\r");
        await("usage: mammo:train-patch [OPTIONS] PATCHES RUN");
        type(UP + "\r"); // the history recalls the line, Enter runs it again
        awaitCount("usage: mammo:train-patch [OPTIONS] PATCHES RUN", 2);
        type("exit\r");
        assertTrue(console.waitFor(60, TimeUnit.SECONDS), text());
        assertEquals(0, console.exitValue(), text());
        List<String> history = Files.readAllLines(workdir.resolve(".mammoflow_history"));
        assertTrue(history.stream().anyMatch(line -> line.endsWith("help train-patch")), history.toString());
    }

    /** --wait draws one line in place and a line per epoch; Ctrl-C stops following, not the job or the console. */
    @Test
    void aFollowedJobRedrawsOneLineAndCtrlCStopsFollowingOnly() throws Exception {
        Files.writeString(workdir.resolve("patches.gosh"), String.join("\n",
                "mammo:synth -p 6 --width 400 --height 700 -s 5 synth",
                "mammo:import -v 0.3 -s 5 synth",
                "mammo:preprocess synth pre",
                "mammo:sample -s 5 pre patches", ""));
        Process data = new ProcessBuilder(java(), "-jar", JAR.toString(), "--script", "patches.gosh")
                .directory(workdir.toFile()).redirectErrorStream(true).redirectOutput(workdir.resolve("data.txt").toFile())
                .start();
        assertTrue(data.waitFor(300, TimeUnit.SECONDS) && data.exitValue() == 0, Files.readString(workdir.resolve("data.txt")));

        open();
        type("mammo:train-patch -a resnet18 -e 6,0,0 -b 16 --wait patches run\r");
        await("stage 1 epoch 1: loss "); // the finished epoch's line
        await("job-1 stage 1/3 epoch 2/6 batch ");
        assertTrue(screen.indexOf("\r\u001b[Kjob-1 stage 1/3 epoch ") >= 0, "redrawn in place: " + screen);
        type(CTRL_C);
        await("stopped following job-1; it keeps running");
        type("mammo:jobs\r");
        await(Pattern.compile("job-1 +running"));
        type("mammo:cancel job-1\r");
        await("cancelling job-1");
        type("exit\r");
        assertTrue(console.waitFor(60, TimeUnit.SECONDS), text());
        assertEquals(0, console.exitValue(), text());
    }

    /** The jar in a pseudo-terminal of 120 x 40, its output collected as it comes; waits for the prompt. */
    private void open() throws Exception {
        String command = "stty cols 120 rows 40; exec '" + java() + "' -jar '" + JAR + "'";
        // SIGINT back to its default first: a build started in the background (`mvn verify &`) hands its
        // children SIGINT ignored, and a JVM started so never sees Ctrl-C (coreutils' env, 8.31 on)
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "script", "-qfec", command, "/dev/null")
                .directory(workdir.toFile()).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        console = builder.start();
        Thread reader = new Thread(() -> collect(console.getInputStream()), "pty reader");
        reader.setDaemon(true);
        reader.start();
        await("mammo> ");
    }

    private void collect(InputStream output) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = output.read(buffer)) > 0;) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the console ended
        }
    }

    private void type(String keys) throws IOException {
        OutputStream keyboard = console.getOutputStream();
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String text() {
        return ANSI.matcher(screen).replaceAll("");
    }

    private void await(String expected) throws InterruptedException {
        awaitCount(expected, 1);
    }

    private void awaitCount(String expected, int times) throws InterruptedException {
        awaitUntil(expected + " (" + times + " times)", () -> count(text(), expected) >= times);
    }

    private void await(Pattern expected) throws InterruptedException {
        awaitUntil(expected.pattern(), () -> expected.matcher(text()).find());
    }

    private void awaitUntil(String what, java.util.function.BooleanSupplier shown) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (!shown.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline || !console.isAlive()) {
                throw new AssertionError("not on the screen: " + what + "\n--- screen ---\n" + text());
            }
            Thread.sleep(100);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
