package org.mammoflow.api.sampling;

import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;

/** The five classes of the patch classifier; {@link #index()} is the network's output index. */
public enum PatchClass {
    BACKGROUND,
    MALIGNANT_CALCIFICATION,
    BENIGN_CALCIFICATION,
    MALIGNANT_MASS,
    BENIGN_MASS;

    public int index() {
        return ordinal();
    }

    public static PatchClass of(LesionType type, Pathology pathology) {
        boolean malignant = pathology == Pathology.MALIGNANT;
        return switch (type) {
            case CALCIFICATION -> malignant ? MALIGNANT_CALCIFICATION : BENIGN_CALCIFICATION;
            case MASS -> malignant ? MALIGNANT_MASS : BENIGN_MASS;
        };
    }

    public static PatchClass ofIndex(int index) {
        return values()[index];
    }
}
