package org.mammoflow.api.head;

import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a trained patch network into a whole-image classifier (service property {@value #NAME}:
 * {@code resnet}, {@code vgg}, ...): the patch network without its pooling and fc, topped by new
 * layers ending in a 2-class fc.
 */
@ConsumerType
public interface WholeImageHead {

    String NAME = "head.name";

    /** Builds the whole-image network for images of {@code wholeImage}'s size. */
    Network attach(Network patchNetwork, NetworkSpec wholeImage);
}
