package org.mammoflow.inference.input;

import java.nio.file.Path;

/** One training image (a patch, or a whole mammogram) and its class index. */
public record Example(Path file, int label) {
}
