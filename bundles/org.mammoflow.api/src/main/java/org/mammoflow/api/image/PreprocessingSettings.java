package org.mammoflow.api.image;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How raw mammograms became a dataset's images: the output size, the fit, the breast segmentation
 * and its threshold, the crop. {@code mammo:preprocess} records them in the dataset
 * ({@value #FILE}); patches and checkpoints carry them on, so that a checkpoint preprocesses a raw
 * image exactly as its training images were.
 */
public record PreprocessingSettings(int height, int width, Fit fit, boolean segment, double threshold,
        boolean cropToBreast) {

    /** The file, in a dataset's (or patch set's) folder, that records the settings as {@link #toMap()}. */
    public static final String FILE = "preprocessing.properties";

    /** How the image is fitted to the output size. */
    public enum Fit {
        /** Scale width and height independently (the Keras code). */
        STRETCH,
        /** Scale to the output height, then pad or centre-crop the width (the PyTorch code). */
        KEEP_ASPECT
    }

    public PreprocessingSettings {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + height + " x " + width);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie between 0 and 1 (a fraction of the maximum), got "
                    + threshold);
        }
        if (fit == null) {
            throw new IllegalArgumentException("fit must be STRETCH or KEEP_ASPECT");
        }
    }

    /** The same settings at another output size. */
    public PreprocessingSettings withSize(int newHeight, int newWidth) {
        return new PreprocessingSettings(newHeight, newWidth, fit, segment, threshold, cropToBreast);
    }

    /** The settings as text values, by name (as in {@value #FILE} and checkpoint sidecars). */
    public Map<String, String> toMap() {
        Map<String, String> values = new TreeMap<>();
        values.put("height", Integer.toString(height));
        values.put("width", Integer.toString(width));
        values.put("fit", fit.name());
        values.put("segment", Boolean.toString(segment));
        values.put("threshold", Double.toString(threshold));
        values.put("cropToBreast", Boolean.toString(cropToBreast));
        return values;
    }

    /** Settings from text values; a missing or malformed one is named in the exception. */
    public static PreprocessingSettings fromMap(Map<String, String> values) {
        try {
            return new PreprocessingSettings(Integer.parseInt(value(values, "height")),
                    Integer.parseInt(value(values, "width")),
                    Fit.valueOf(value(values, "fit").toUpperCase(Locale.ROOT)), bool(values, "segment"),
                    Double.parseDouble(value(values, "threshold")), bool(values, "cropToBreast"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed preprocessing setting: " + e.getMessage(), e);
        }
    }

    private static String value(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("preprocessing setting '" + name + "' is missing");
        }
        return value.strip();
    }

    private static boolean bool(Map<String, String> values, String name) {
        String value = value(values, name);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("preprocessing setting '" + name + "' must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }
}
