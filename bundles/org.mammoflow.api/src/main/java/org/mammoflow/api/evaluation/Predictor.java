package org.mammoflow.api.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.network.Precision;
import org.osgi.annotation.versioning.ProviderType;

/** Runs saved models on images: predictions for evaluation, single images, heatmaps. */
@ProviderType
public interface Predictor {

    /**
     * This predictor with its networks computing in {@code precision}; without it they compute in the
     * backend's inference precision.
     *
     * @throws IllegalArgumentException when this machine does not compute in it natively and the backend's
     *         settings do not force it
     */
    Predictor computing(Precision precision);

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

    /** As the method below, with each breast's views combined by their largest (the paper's rule). */
    default PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips, Optional<Path> csv,
            BiConsumer<Integer, Integer> progress) throws IOException {
        return predictImages(checkpoints, inputs, flips, ViewCombination.MAX, csv, progress);
    }

    /**
     * The probability of malignancy of every image given and of every mammogram below every folder
     * given, averaged over the whole-image checkpoints given; per breast, its views combined as
     * {@code views} says; per exam, its higher breast. A folder laid out as CBIS-DDSM (its CSVs) or
     * holding a dataset.csv is read as its importer reads it: its full mammograms only, with their
     * patient, exam, breast and view; other folders are walked, each file saying what it knows of
     * itself (DICOM attributes). Where the checkpoints have a stored calibration, every row also has
     * the calibrated probability, and each exam the decision at each stored operating point.
     *
     * @param csv where to write one row per image, breast and exam, or empty
     * @param progress told (images done, images in all) after each image
     */
    PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips, ViewCombination views,
            Optional<Path> csv, BiConsumer<Integer, Integer> progress) throws IOException;

    /**
     * Slides a patch classifier over a mammogram every {@code stride} pixels and writes, as an RGB PNG,
     * the image with the sum of the four non-background probabilities overlaid in colour. A raw
     * mammogram is first preprocessed with the settings the checkpoint records.
     */
    Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException;
}
