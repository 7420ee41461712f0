package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes a synthetic, CBIS-DDSM-shaped dataset (16-bit PNG mammograms, ROI masks and crops, the four
 * CSVs) whose benign and malignant lesions differ learnably. Read it with the {@code cbis-ddsm}
 * {@link DatasetImporter}.
 */
@ProviderType
public interface DatasetSynthesizer {

    /** Writes the dataset below {@code root} and returns how many images it wrote. */
    int write(Path root, SynthesisSpec spec) throws IOException;
}
