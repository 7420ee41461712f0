package org.mammoflow.api.image;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A format of image files that {@link ImageFiles} reads besides PNG: an extension point. A bundle
 * registers one as a service (the DICOM bundle does), and every command that takes a PNG takes such
 * a file too. Samples come out as {@link GrayImage}'s unsigned 16 bits; how a format maps its stored
 * values onto them is part of its contract and its documentation.
 */
@ConsumerType
public interface ImageFormat {

    /** The format's name for messages and listings, for example {@code DICOM}. */
    String name();

    /**
     * Whether this format claims the file, from its name or its first bytes: cheap, nothing decoded.
     * A claimed file that turns out to be unreadable gives an {@link InvalidImageException}, not
     * {@code false} here.
     */
    boolean accepts(Path file) throws IOException;

    /** The image and what the file says of it; errors name the file and the problem. */
    ScannedImage read(Path file) throws IOException;

    /** The size and depth without decoding pixels. */
    ImageHeader header(Path file) throws IOException;

    /** What the file says of the patient and the view, without decoding pixels. */
    ImageAttributes attributes(Path file) throws IOException;

    /**
     * The file's Study, Series and SOP Instance UIDs, without decoding pixels; none by default.
     *
     * @since 1.3
     */
    default ImageIdentity identity(Path file) throws IOException {
        return ImageIdentity.NONE;
    }
}
