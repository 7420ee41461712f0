package org.mammoflow.api.sampling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cuts a patch dataset (16-bit PNG patches and a {@code patches.csv} manifest) from a preprocessed
 * dataset with the active {@link PatchSampler}, keeping the dataset's patient splits. The active
 * sampler is chosen by configuration and can change while the runtime runs; a run uses the sampler
 * that was active when it started.
 */
@ProviderType
public interface PatchSampling {

    /** The manifest's file name inside a patch dataset folder. */
    String MANIFEST = "patches.csv";

    /**
     * @param progress told (images done, images in all) after each image
     * @throws IOException when no sampler is active, or the dataset cannot be read
     */
    SamplingReport sample(Path dataset, Path output, long seed, Progress progress) throws IOException;

    /**
     * The patches of a patch dataset written by {@link #sample}, in manifest order.
     *
     * @throws IOException naming the manifest and line when a column is missing, a value is not
     *         valid, or a file lies outside the folder
     */
    List<PatchRecord> read(Path folder) throws IOException;

    /** The {@value PatchSampler#NAME} of the sampler a run would use now, if one is bound. */
    Optional<String> activeSampler();

    /** The {@value PatchSampler#NAME}s of the samplers present, sorted. */
    List<String> samplers();

    /**
     * Makes the sampler named {@code name} the one of the next runs, live and lasting (through
     * Configuration Admin); a run already sampling keeps its sampler.
     *
     * @return whether such a sampler is present now (if not, sampling waits for one)
     * @throws IllegalArgumentException when {@code name} is not a sampler name
     */
    boolean useSampler(String name) throws IOException;

    /** Receives progress. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
