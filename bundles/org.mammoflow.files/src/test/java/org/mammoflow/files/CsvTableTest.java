package org.mammoflow.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path folder;

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        Path file = Files.writeString(folder.resolve("t.csv"),
                "\uFEFFa, B \r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\n");
        CsvTable table = CsvTable.read(file);
        assertEquals(List.of("a", "B"), table.header());
        assertEquals(2, table.rows().size());
        assertEquals("x,1", table.rows().get(0).get("a"));
        assertEquals("say \"hi\"", table.rows().get(0).get("b"));
        assertEquals("two\nlines", table.rows().get(1).get("A"));
        assertEquals(3, table.rows().get(1).line());
    }

    @Test
    void writtenTableReadsBack() throws IOException {
        Path file = folder.resolve("w.csv");
        CsvTable.write(file, List.of("k", "v"), List.of(List.of("1", "a,b"), List.of("2", "q\"uote")));
        CsvTable table = CsvTable.read(file);
        assertEquals("a,b", table.rows().get(0).get("v"));
        assertEquals("q\"uote", table.rows().get(1).get("v"));
    }
}
