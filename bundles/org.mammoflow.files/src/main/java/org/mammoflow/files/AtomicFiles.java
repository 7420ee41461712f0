package org.mammoflow.files;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a file so that a reader sees the old content or the whole new one, never half a file: the
 * content goes to a hidden temporary file beside the target, is synced, and is moved into place; on
 * failure the temporary file is removed and the target is untouched. The file gets the permissions a
 * user expects (rw-rw-rw- less the umask), not the 0600 of a temporary file.
 */
public final class AtomicFiles {

    private static final FileAttribute<?> USER_FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-rw-rw-"));
    private static final FileAttribute<?> USER_FOLDER = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxrwxrwx"));

    /** Writes bytes to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes text. */
    @FunctionalInterface
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes files into a folder. */
    @FunctionalInterface
    public interface FolderContent {
        void writeInto(Path folder) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes the content into {@code file} atomically, creating its folder. */
    public static Path write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "." + file.getFileName(), ".part", USER_FILE);
        try {
            try (FileOutputStream stream = new FileOutputStream(partial.toFile());
                    OutputStream out = new BufferedOutputStream(stream, 1 << 16)) {
                content.writeTo(out);
                out.flush();
                stream.getFD().sync();
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Creates {@code folder} with its content, whole or not at all: the files go into a hidden sibling
     * folder, which is renamed into place; on failure the sibling is removed and no folder appears. When
     * the folder exists already (another process made it meanwhile), that one is kept.
     */
    public static Path createFolder(Path folder, FolderContent content) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "." + folder.getFileName(), USER_FOLDER);
        try {
            content.writeInto(partial);
            try {
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                } // else another process made it meanwhile: that one is kept
            }
        } finally {
            deleteTree(partial);
        }
        return folder;
    }

    /** Writes UTF-8 text atomically. */
    public static Path writeText(Path file, Text text) throws IOException {
        return write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            text.writeTo(writer);
            writer.flush();
        });
    }

    /** Writes a string as UTF-8 atomically. */
    public static Path writeString(Path file, String text) throws IOException {
        return writeText(file, out -> out.write(text));
    }

    /** Writes settings as a properties file (keys sorted, a comment first) atomically. */
    public static Path writeSettings(Path file, String comment, Map<String, String> settings) throws IOException {
        return writeText(file, out -> {
            out.write("# " + comment + "\n");
            for (Map.Entry<String, String> entry : new TreeMap<>(settings).entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        });
    }

    /** Removes a folder and what it holds, if it exists. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The settings in a properties file (UTF-8), or empty when there is no such file; a malformed one is named. */
    public static Optional<Map<String, String>> readSettings(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (CharacterCodingException | IllegalArgumentException e) { // not UTF-8; a malformed \\uXXXX escape
            throw new IOException(file + ": not a readable properties file (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return Optional.of(settings);
    }
}
