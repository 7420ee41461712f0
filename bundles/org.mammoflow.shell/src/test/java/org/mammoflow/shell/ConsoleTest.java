package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {

    @TempDir
    Path folder;

    @Test
    void wordsFormOneCommandLine() throws Exception {
        assertEquals("mammo:info --type sampling", Console.program(List.of("mammo:info", "--type", "sampling")));
    }

    /** Words reach the command as given, through gogo's own parser: spaces, quotes, $, non-ASCII. */
    @Test
    void argumentsReachTheCommandAsGiven() throws Exception {
        List<String> words = List.of("my data", "it's \"quoted\"", "$HOME", "données/été", "", "a;b|c", "-e", "1,1,3");
        CommandProcessorImpl processor = new CommandProcessorImpl();
        processor.addCommand("t", new Object() {
            @SuppressWarnings("unused")
            public List<String> words(String... given) {
                return List.of(given);
            }
        }, "words");
        try (CommandSession session = processor.createSession(System.in, System.out, System.err)) {
            List<String> command = new java.util.ArrayList<>(List.of("t:words"));
            command.addAll(words);
            assertEquals(words, session.execute(Console.program(command)));
        } finally {
            processor.stop();
        }
    }

    @Test
    void scriptOptionRunsTheFile() throws Exception {
        Path script = Files.writeString(folder.resolve("job.gosh"), "mammo:info\nlb\n");
        assertEquals("mammo:info\nlb\n", Console.program(List.of("--script", script.toString())));
    }

    @Test
    void missingScriptIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Console.program(List.of("--script", folder.resolve("none.gosh").toString())));
        assertTrue(e.getMessage().contains("none.gosh"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void scriptOptionNeedsExactlyOneFile() {
        assertThrows(IllegalArgumentException.class, () -> Console.program(List.of("--script")));
    }
}
