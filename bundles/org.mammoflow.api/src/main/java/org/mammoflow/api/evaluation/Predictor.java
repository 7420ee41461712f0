package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /** Class probabilities of each image (of the network's input size), the model loaded once. */
    List<float[]> predict(Path checkpoint, List<Path> images, boolean flips) throws IOException;

    /**
     * Slides a patch classifier over a mammogram every {@code stride} pixels and writes, as an RGB PNG,
     * the image with the sum of the four non-background probabilities overlaid in colour.
     */
    Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException;
}
