package org.mammoflow.api.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be used, with the file and the reason in its message. */
public class InvalidImageException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public InvalidImageException(Path file, String problem) {
        this(file, problem, null);
    }

    public InvalidImageException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
