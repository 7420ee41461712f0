package org.mammoflow.api.image;

/** The two kinds of abnormality annotated in CBIS-DDSM. */
public enum LesionType {
    MASS,
    CALCIFICATION
}
