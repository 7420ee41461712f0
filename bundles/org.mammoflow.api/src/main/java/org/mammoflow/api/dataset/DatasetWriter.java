package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes a dataset in Mammoflow's plain form: a {@code dataset.csv} in its root folder, one row per
 * abnormality (or per image without one), with file paths relative to the root. The {@code folder}
 * {@link DatasetImporter} reads it back.
 */
@ProviderType
public interface DatasetWriter {

    /** The manifest's file name inside a dataset folder. */
    String MANIFEST = "dataset.csv";

    /** Writes {@code dataset.csv} into the dataset's root atomically and returns its path. */
    Path write(Dataset dataset) throws IOException;
}
