package org.mammoflow.api.dataset;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a dataset in one on-disk format (service property {@value #FORMAT}: {@code cbis-ddsm},
 * {@code folder}, ...). Rows whose files are missing or broken are skipped and reported; the
 * import completes.
 */
@ConsumerType
public interface DatasetImporter {

    /** Service property naming the format this importer reads. */
    String FORMAT = "dataset.format";

    /** The target filter of the plain folder form's importer (and writer). */
    String FOLDER = "(" + FORMAT + "=folder)";

    ImportReport importFrom(Path root, ImportOptions options) throws IOException;
}
