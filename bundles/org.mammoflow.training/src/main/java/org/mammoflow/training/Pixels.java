package org.mammoflow.training;

import org.mammoflow.api.image.GrayImage;

/**
 * 16-bit gray samples as network input: scaled to [0, 1], then standardised with ImageNet's mean and
 * deviation (averaged over its three channels), which ImageNet-initialised networks expect.
 */
final class Pixels {

    static final float MEAN = 0.449f;
    static final float STD = 0.226f;

    private Pixels() {
    }

    static float[] normalized(GrayImage image) {
        short[] samples = image.samples();
        float[] values = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = ((samples[i] & 0xFFFF) / 65535f - MEAN) / STD;
        }
        return values;
    }
}
