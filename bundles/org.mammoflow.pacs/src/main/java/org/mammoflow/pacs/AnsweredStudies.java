package org.mammoflow.pacs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The studies a watch of one server has answered or refused, in a file of one line per study
 * ({@code UID answered|refused}), appended and synced study by study, so that a watch restarted after
 * a crash answers none twice. A line cut off by the crash is ignored (its study is checked on the
 * server again).
 */
final class AnsweredStudies {

    private final Path file;
    private final Set<String> studies = new HashSet<>();

    AnsweredStudies(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split(" ");
                if (fields.length == 2 && (fields[1].equals("answered") || fields[1].equals("refused"))) {
                    studies.add(fields[0]);
                }
            }
        }
    }

    boolean contains(String study) {
        return studies.contains(study);
    }

    int size() {
        return studies.size();
    }

    void add(String study, boolean answered) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] line = ("\n" + study + (answered ? " answered" : " refused") + "\n").getBytes(StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            out.write(line);
            channel.force(true);
        }
        studies.add(study);
    }
}
