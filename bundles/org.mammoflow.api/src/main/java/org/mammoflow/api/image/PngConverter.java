package org.mammoflow.api.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Converts images in any readable format (DICOM) to 16-bit grayscale PNG, as {@link ImageFiles}
 * reads them: the same samples, so that a converted file and its source train alike.
 */
@ProviderType
public interface PngConverter {

    /** One file's outcome: the PNG written, or the problem that named why not (then {@code target} is null). */
    record Conversion(Path source, Path target, String problem) {

        public boolean succeeded() {
            return problem == null;
        }
    }

    /**
     * Converts each file given, and every non-PNG image file below each folder given, to a PNG named
     * after the file's stem: beside the file when {@code outputFolder} is null, else in it (below it,
     * at the same relative place, for files found in a folder). A file that fails is reported and the
     * others still convert; an existing PNG is never overwritten by another source's conversion.
     *
     * @param each told of every file as it is done, for progress
     * @return every outcome, in order
     * @throws IOException if an input does not exist or a folder cannot be listed
     */
    List<Conversion> convert(List<Path> inputs, Path outputFolder, Consumer<Conversion> each) throws IOException;
}
