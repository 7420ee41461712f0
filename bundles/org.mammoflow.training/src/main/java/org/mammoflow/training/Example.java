package org.mammoflow.training;

import java.nio.file.Path;

/** One training image (a patch, or a whole mammogram) and its class index. */
record Example(Path file, int label) {
}
