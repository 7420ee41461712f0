package org.mammoflow.djl;

import java.lang.annotation.Annotation;

import org.mammoflow.api.network.Batch;

/** The backend as the framework would configure it, and small batches, for the tests. */
final class Backends {

    private Backends() {
    }

    static ResNetBackend cpu() {
        return on("cpu");
    }

    /** A backend on a device: cpu, gpu or gpu:N. */
    static ResNetBackend on(String device) {
        return new ResNetBackend(config(device));
    }

    /** The backend's configuration with its defaults, on a device. */
    static BackendConfig config(String device) {
        return config(device, largestKeptBlockMibDefault());
    }

    /** The default of the setting largestKeptBlockMib, as BackendConfig declares it. */
    static int largestKeptBlockMibDefault() {
        try {
            return (Integer) BackendConfig.class.getMethod("largestKeptBlockMib").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The backend's configuration with its defaults, on a device, keeping freed blocks up to a size. */
    static BackendConfig config(String device, int largestKeptBlockMib) {
        return new BackendConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BackendConfig.class;
            }

            @Override
            public String device() {
                return device;
            }

            @Override
            public String cacheDir() {
                return "";
            }

            @Override
            public int threads() {
                return 0;
            }

            @Override
            public int largestKeptBlockMib() {
                return largestKeptBlockMib;
            }
        };
    }

    /**
     * A learnable toy problem: label 1 when the left half of a 1-channel image is brighter than the
     * right half, 0 otherwise, with noise.
     */
    static Batch halves(int size, int side, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] pixels = new float[size * side * side];
        int[] labels = new int[size];
        for (int n = 0; n < size; n++) {
            labels[n] = n % 2;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean bright = (x < side / 2) == (labels[n] == 1);
                    pixels[(n * side + y) * side + x] = (float) ((bright ? 0.5 : -0.5) + 0.3 * random.nextGaussian());
                }
            }
        }
        return new Batch(size, 1, side, side, pixels, labels, new float[0]);
    }
}
