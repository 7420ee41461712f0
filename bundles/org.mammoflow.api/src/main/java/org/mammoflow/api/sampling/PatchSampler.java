package org.mammoflow.api.sampling;

import java.util.List;
import java.util.random.RandomGenerator;

import org.mammoflow.api.image.Mammogram;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A patch sampling strategy (service property {@value #NAME}: {@code s}, {@code s10}, ...).
 * Given the same random generator state, a sampler returns the same patches. Sampling calls it for
 * several images at once, from several threads: it draws only from the generator it is given.
 */
@ConsumerType
public interface PatchSampler {

    /** Service property naming the strategy. */
    String NAME = "sampler.name";

    /** Patch positions for one preprocessed mammogram; every box lies inside the image. */
    List<Patch> sample(Mammogram mammogram, RandomGenerator random);
}
