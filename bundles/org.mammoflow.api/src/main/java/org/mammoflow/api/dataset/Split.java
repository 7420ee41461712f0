package org.mammoflow.api.dataset;

/** The part of a dataset an image belongs to. Splits are by patient, never by image. */
public enum Split {
    TRAIN,
    VALIDATION,
    TEST
}
