package org.mammoflow.api.head;

import java.util.List;

import org.mammoflow.api.network.NetworkSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to turn a trained patch network into a whole-image classifier (service property
 * {@value #NAME}, e.g. {@code resnet}): the patch network without its pooling and fc, topped by new
 * layers ending in a 2-class fc. A head names the network the backend builds; training starts it
 * from the patch checkpoint (matching names) and trains {@link #newLayers()} first.
 */
@ConsumerType
public interface WholeImageHead {

    String NAME = "head.name";

    /** The whole-image network on top of a patch network's architecture, for images of this size. */
    NetworkSpec wholeImage(NetworkSpec patchNetwork, int height, int width);

    /** Name prefixes of the layers the head adds. */
    List<String> newLayers();
}
