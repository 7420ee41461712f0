package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes the network's input from a dataset: every image of a dataset folder (its dataset.csv)
 * preprocessed with its masks into a new dataset folder, which records the settings used
 * ({@link org.mammoflow.api.image.PreprocessingSettings#FILE}).
 */
@ProviderType
public interface DatasetPreprocessor {

    /**
     * Preprocesses the dataset in {@code input} into {@code output}, at {@code height} x {@code width}
     * (0 for the configured size). An image that fails is reported as skipped; the others go on.
     *
     * @param progress told (images done, images in all) after each image
     * @return the dataset written, and what was skipped
     * @throws IllegalArgumentException if {@code output} is {@code input} or lies inside it (nothing is written)
     */
    ImportReport preprocess(Path input, Path output, int height, int width, BiConsumer<Integer, Integer> progress)
            throws IOException;
}
