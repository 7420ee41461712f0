package org.mammoflow.api.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A set of mammograms below one root folder; every file path of its records lies inside the root. */
public record Dataset(String name, Path root, List<ImageRecord> images) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        images = List.copyOf(images);
    }

    /** The images of one split. */
    public List<ImageRecord> images(Split split) {
        return images.stream().filter(image -> image.split() == split).toList();
    }
}
