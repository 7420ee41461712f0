package org.mammoflow.api.image;

import java.util.Locale;

/** The biopsy-proven outcome of an abnormality. BENIGN_WITHOUT_CALLBACK counts as benign. */
public enum Pathology {
    BENIGN,
    MALIGNANT;

    /**
     * Parses a CBIS-DDSM pathology value: MALIGNANT, BENIGN or BENIGN_WITHOUT_CALLBACK (any case).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Pathology parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "MALIGNANT" -> MALIGNANT;
            case "BENIGN", "BENIGN_WITHOUT_CALLBACK" -> BENIGN;
            default -> throw new IllegalArgumentException("unknown pathology '" + value
                    + "' (expected MALIGNANT, BENIGN or BENIGN_WITHOUT_CALLBACK)");
        };
    }
}
