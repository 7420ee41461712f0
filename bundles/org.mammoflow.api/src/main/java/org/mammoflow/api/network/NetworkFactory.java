package org.mammoflow.api.network;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A deep-learning backend (service properties {@value #BACKEND} and {@value #DEVICE}).
 */
@ProviderType
public interface NetworkFactory {

    String BACKEND = "backend";
    String DEVICE = "device";

    /** A freshly initialised network. */
    Network create(NetworkSpec spec);

    /** A network restored from a checkpoint written by {@link Network#save}. */
    Network open(Path checkpoint) throws IOException;

    /** Copies weights with torchvision names (a {@code .npz} state dict) into the network. */
    void importWeights(Network network, Path weights) throws IOException;
}
