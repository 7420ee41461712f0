package org.mammoflow.spark;

import java.io.Serializable;

/** One image's result: its probability of malignancy, or why it has none ({@code malignant} then NaN). */
record ImageRow(ImageTask image, double malignant, String error) implements Serializable {

    static ImageRow scored(ImageTask image, double malignant) {
        return new ImageRow(image, malignant, "");
    }

    static ImageRow failed(ImageTask image, String error) {
        return new ImageRow(image, Double.NaN, error);
    }

    boolean ok() {
        return error.isEmpty();
    }
}
