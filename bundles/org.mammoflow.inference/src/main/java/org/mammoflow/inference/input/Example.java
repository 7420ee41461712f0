package org.mammoflow.inference.input;

import java.nio.file.Path;

import org.mammoflow.api.image.ImageAttributes;

/** One training image (a patch, or a whole mammogram), its class index and what the dataset says of it. */
public record Example(Path file, int label, ImageAttributes attributes) {

    public Example(Path file, int label) {
        this(file, label, ImageAttributes.NONE);
    }
}
