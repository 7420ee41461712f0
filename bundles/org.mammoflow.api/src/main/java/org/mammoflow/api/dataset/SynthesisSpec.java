package org.mammoflow.api.dataset;

/**
 * What synthetic dataset to make: how many patients (each with one or two mammograms carrying one
 * or more abnormalities), the image size and the seed. The same spec gives the same files.
 */
public record SynthesisSpec(int patients, int width, int height, long seed) {

    public SynthesisSpec {
        if (patients < 2) {
            throw new IllegalArgumentException("at least 2 patients are needed, got " + patients);
        }
        if (width < 256 || height < 256) {
            throw new IllegalArgumentException("images must be at least 256 x 256, got " + width + " x " + height);
        }
    }
}
