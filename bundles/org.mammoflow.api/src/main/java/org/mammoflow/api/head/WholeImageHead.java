package org.mammoflow.api.head;

import org.mammoflow.api.network.HeadLayers;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to turn a trained patch network into a whole-image classifier (service property
 * {@value #NAME}, e.g. {@code resnet}): the patch network without its pooling and fc, topped by the
 * layers this head describes, then global average pooling, dropout and a 2-class fc. The backend
 * builds whatever blocks a head describes, so a head is a bundle of its own, written against this
 * API alone. Training starts the whole-image network from the patch checkpoint (matching names) and
 * trains {@link HeadLayers#newLayers()} first.
 */
@ConsumerType
public interface WholeImageHead {

    String NAME = "head.name";

    /** The head's layers on a patch network whose last block gives {@code featureChannels} channels. */
    HeadLayers layers(int featureChannels);
}
