package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dataset's root folder; every file a CSV names must lie inside it. */
record DatasetRoot(Path path) {

    DatasetRoot {
        path = path.toAbsolutePath().normalize();
    }

    static DatasetRoot of(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": dataset folder not found");
        }
        return new DatasetRoot(folder);
    }

    /**
     * The file a CSV names, relative to the root.
     *
     * @throws IOException when the path is absolute or leads outside the root
     */
    Path resolve(String relative) throws IOException {
        String cleaned = relative.strip().replace('\\', '/');
        if (cleaned.isEmpty()) {
            throw new IOException("empty file path");
        }
        Path candidate = path.resolve(cleaned).normalize();
        if (Path.of(cleaned).isAbsolute() || !candidate.startsWith(path)) {
            throw new IOException("path '" + relative.strip() + "' escapes the dataset root " + path);
        }
        return candidate;
    }

    /** The path of a file inside the root, relative to it, with '/' separators. */
    String relativize(Path file) {
        return path.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
