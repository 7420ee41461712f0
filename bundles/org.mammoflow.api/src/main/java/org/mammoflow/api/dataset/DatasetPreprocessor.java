package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import org.mammoflow.api.image.PreprocessingSettings;
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

    /**
     * The settings {@link #preprocess} uses at {@code height} x {@code width} (0 for the configured size).
     *
     * @since 1.2
     */
    PreprocessingSettings settings(int height, int width);

    /**
     * One image of a dataset and its masks, preprocessed into {@code output} as {@link #preprocess}
     * does each image: for jobs that spread a dataset's images over machines.
     *
     * @return the image's record in {@code output}
     * @since 1.2
     */
    ImageRecord preprocessImage(ImageRecord image, Path output, PreprocessingSettings settings) throws IOException;

    /**
     * What {@link #preprocess} writes once every image is done: the dataset's {@code dataset.csv} (its
     * images in the order given) and the settings used, in its root.
     *
     * @since 1.2
     */
    void finish(Dataset preprocessed, PreprocessingSettings settings) throws IOException;
}
