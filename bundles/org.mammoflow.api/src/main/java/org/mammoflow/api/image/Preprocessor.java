package org.mammoflow.api.image;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a raw mammogram into the network's input geometry: breast segmentation (removing burned-in
 * labels and markers), optional crop to the breast, resize to the configured size. Every ROI mask
 * receives exactly the same geometric transform as the image.
 */
@ProviderType
public interface Preprocessor {

    /** To the configured size. */
    Mammogram preprocess(Mammogram raw);

    /** To {@code height} x {@code width} pixels instead of the configured size. */
    Mammogram preprocess(Mammogram raw, int height, int width);

    /** With the given settings rather than the configured ones (a checkpoint's, say). */
    Mammogram preprocess(Mammogram raw, PreprocessingSettings settings);

    /** The configured settings. */
    PreprocessingSettings settings();
}
