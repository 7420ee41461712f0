package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {

    @TempDir
    Path folder;

    @Test
    void wordsFormOneCommandLine() throws Exception {
        assertEquals("mammo:info --type sampling", Console.program(List.of("mammo:info", "--type", "sampling")));
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
