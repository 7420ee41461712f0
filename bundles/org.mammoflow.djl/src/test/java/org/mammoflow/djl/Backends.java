package org.mammoflow.djl;

import java.lang.reflect.Proxy;
import java.util.Map;

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
        return config(Map.of("device", device));
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
        return config(Map.of("device", device, "largestKeptBlockMib", largestKeptBlockMib));
    }

    /** The backend's configuration: these settings, the others at their defaults (as Configuration Admin would give them). */
    static BackendConfig config(Map<String, Object> settings) {
        return (BackendConfig) Proxy.newProxyInstance(BackendConfig.class.getClassLoader(),
                new Class<?>[] {BackendConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> BackendConfig.class;
                    case "toString" -> "BackendConfig" + settings;
                    case "hashCode" -> settings.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> settings.getOrDefault(method.getName(), method.getDefaultValue());
                });
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
