package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.mammoflow.api.dataset.Split;
import org.osgi.annotation.versioning.ProviderType;

/** Runs saved models on images: predictions for evaluation, single images, heatmaps. */
@ProviderType
public interface Predictor {

    /**
     * Predictions of a checkpoint on one split of a patch dataset (patches.csv, 5 classes) or an image
     * dataset (dataset.csv, benign/malignant); with {@code flips}, the average over the image and its
     * horizontal, vertical and double flips.
     */
    List<Prediction> predict(Path checkpoint, Path data, Split split, boolean flips) throws IOException;

    /**
     * An ensemble's predictions on a split: each case's probabilities averaged over the checkpoints
     * (networks of the same classes; the paper's best result averages four whole-image models).
     */
    List<Prediction> predict(List<Path> checkpoints, Path data, Split split, boolean flips) throws IOException;

    /**
     * Class probabilities of each image, the model loaded once. An image of another size than the
     * network's is preprocessed with the settings its checkpoint records (as its training images
     * were); a checkpoint that records none takes only images of its size.
     */
    List<float[]> predict(Path checkpoint, List<Path> images, boolean flips) throws IOException;

    /**
     * The probability of malignancy of every image given and of every image file below every folder
     * given (PNG or DICOM, raw or preprocessed), averaged over the whole-image checkpoints given;
     * then per breast, the largest over its views, where the files name patient and laterality.
     *
     * @param csv where to write one row per image and one per breast, or empty
     * @param progress told (images done, images in all) after each image
     */
    PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips, Optional<Path> csv,
            BiConsumer<Integer, Integer> progress) throws IOException;

    /**
     * Slides a patch classifier over a mammogram every {@code stride} pixels and writes, as an RGB PNG,
     * the image with the sum of the four non-background probabilities overlaid in colour. A raw
     * mammogram is first preprocessed with the settings the checkpoint records.
     */
    Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException;
}
