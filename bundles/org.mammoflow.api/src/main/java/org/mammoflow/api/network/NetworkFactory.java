package org.mammoflow.api.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A deep-learning backend (service properties {@value #BACKEND} and {@value #DEVICE}).
 */
@ProviderType
public interface NetworkFactory {

    String BACKEND = "backend";
    String DEVICE = "device";

    /**
     * What the backend found on this machine and did about it when it started (kernel checks, the layout
     * chosen, native settings applied or skipped, with reasons), by name, for a user to read
     * ({@code mammo:info}).
     */
    default Map<String, String> diagnostics() {
        return Map.of();
    }

    /** The precision of networks that train when a caller names none (the backend's setting). */
    default Precision trainingPrecision() {
        return Precision.FP32;
    }

    /** The precision of networks that only predict when a caller names none (the backend's setting). */
    default Precision inferencePrecision() {
        return Precision.FP32;
    }

    /**
     * Why networks cannot compute in {@code precision} on this machine (a CPU without it in hardware, a failed
     * kernel check), said for a user as an error message; empty when they can.
     */
    default Optional<String> unavailable(Precision precision) {
        return Optional.empty();
    }

    /** A freshly initialised network computing in the training precision. */
    default Network create(NetworkSpec spec, long seed) {
        return create(spec, seed, trainingPrecision());
    }

    /**
     * A freshly initialised network (torchvision's initialisation, reproducible from the seed) computing in
     * {@code precision}.
     *
     * @throws IllegalArgumentException when this machine does not compute in that precision natively and
     *         the backend's settings do not force it
     */
    Network create(NetworkSpec spec, long seed, Precision precision);

    /** What a checkpoint holds (from its sidecar; its weights are not read). */
    Checkpoint describe(Path checkpoint) throws IOException;

    /** A network restored from a checkpoint, computing in the inference precision. */
    default Network open(Path checkpoint) throws IOException {
        return open(checkpoint, inferencePrecision());
    }

    /**
     * A network restored from a checkpoint written by {@link Network#save}, computing in {@code precision}.
     *
     * @throws IllegalArgumentException as {@link #create(NetworkSpec, long, Precision)}
     */
    Network open(Path checkpoint, Precision precision) throws IOException;

    /**
     * Copies weights with torchvision names (a state dict saved as {@code .npz} or {@code .safetensors})
     * into the network; parameters whose shape differs, such as another number of classes, are skipped.
     */
    ImportedWeights importWeights(Network network, Path weights) throws IOException;

    /** Channels of the feature maps the network's last block gives: what a head's first block takes. */
    int featureChannels(NetworkSpec spec);

    /** The names of the network's blocks in order ({@code layer1.0}, ..., a head's): what stages train by name. */
    List<String> blockNames(NetworkSpec spec);
}
