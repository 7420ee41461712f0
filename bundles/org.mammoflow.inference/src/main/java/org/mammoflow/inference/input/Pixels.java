package org.mammoflow.inference.input;

import org.mammoflow.api.image.GrayImage;

/**
 * 16-bit gray samples as network input: scaled to [0, 1], then standardised with ImageNet's mean and
 * deviation (averaged over its three channels), which ImageNet-initialised networks expect.
 */
public final class Pixels {

    public static final float MEAN = 0.449f;
    public static final float STD = 0.226f;

    private Pixels() {
    }

    public static float[] normalized(GrayImage image) {
        short[] samples = image.samples();
        float[] values = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = ((samples[i] & 0xFFFF) / 65535f - MEAN) / STD;
        }
        return values;
    }
}
